<html>
<body>
% for name, length in sorted(c.names.iteritems()):
<p>Hello ${name.title()} (${unicode(length)} letters)</p>
% endfor
</body>
</html>
