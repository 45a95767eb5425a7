## The page every stack of the benchmark's Mako rows renders: the same
## names given by each, escaped by the same default filter.
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title} - Benchmark</title>
</head>
<body>
  <h1>${title}</h1>
  <p>${greeting}</p>
  <ul class="items">
  % for item in items:
    <li class="${'odd' if loop.odd else 'even'}">${item}</li>
  % endfor
  </ul>
  <p class="footer">${len(items)} items.</p>
</body>
</html>
