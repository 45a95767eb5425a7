import base64
from base64 import encodestring
print "x", base64.encodestring(s), base64.decodestring(t)
f = file("x", "w")
d = {}
for k, v in d.iteritems(): print k
