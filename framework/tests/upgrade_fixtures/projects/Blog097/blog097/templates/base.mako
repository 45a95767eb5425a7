<html>
<head><title>${g.title}</title></head>
<body>
% for message in h.flash.pop_messages():
<p class="flash">${message}</p>
% endfor
${next.body()}
<p><a href="${h.url_for(controller='posts', action='new')}">Write</a></p>
</body>
</html>
