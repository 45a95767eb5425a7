## The layout of every page: header, flash messages, the page, footer.
## A template inheriting it defines heading() and may define footer().
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${self.heading()} - QuickWiki</title>
  <link rel="stylesheet" href="${url('/quick.css')}">
  <link rel="icon" href="${url('/favicon.ico')}">
</head>
<body>
  <header class="site">
    <a class="brand" href="${url('home')}">QuickWiki</a>
    <nav>
      <a href="${url('home')}">FrontPage</a>
      <a href="${url('pages')}">Title list</a>
    </nav>
  </header>
  <main>
    <h1>${self.heading()}</h1>
    ${flash_messages()}
    ${next.body()}
  </main>
  <footer class="site">${self.footer()}</footer>
</body>
</html>

<%def name="footer()"></%def>

<%def name="flash_messages()" filter="trim">
<% messages = h.flash.pop_messages() %>
% if messages:
  <ul class="flash">
  % for message in messages:
    <li class="${message.category}">${message}</li>
  % endfor
  </ul>
% endif
</%def>
