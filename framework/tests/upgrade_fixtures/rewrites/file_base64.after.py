import base64
from base64 import encodebytes as encodestring
print("x", base64.encodebytes(s), base64.decodebytes(t))
f = open("x", "w")
d = {}
for k, v in d.items(): print(k)
