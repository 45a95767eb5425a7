import cgi
from cgi import escape
s = cgi.escape(x) + cgi.escape(y, True)
q = cgi.parse_qs(qs)
a = u"abc".decode("utf-8")
b = str(x).decode('utf-8').strip()
c = request.params['title'].decode('utf-8')
d = request.POST.get('x', '').decode('utf-8')
e = data.decode('utf-8')
