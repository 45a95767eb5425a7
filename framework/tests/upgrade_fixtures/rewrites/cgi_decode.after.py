from html import escape
import html
import urllib.parse
s = html.escape(x, quote=False) + html.escape(y, True)
q = urllib.parse.parse_qs(qs)
a = "abc"
b = str(x).strip()
c = request.params['title']
d = request.POST.get('x', '')
e = data.decode('utf-8')
