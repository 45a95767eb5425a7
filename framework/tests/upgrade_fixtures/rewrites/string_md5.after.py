import string, hashlib
from hashlib import md5 as new
from hashlib import sha1 as s1
x = string.ascii_letters + string.ascii_lowercase
y = ", ".join(words) + " ".join(w2)
z = (a + b).lower().strip()
t = str.maketrans("ab", "cd")
n = int("12")
h = hashlib.md5(b"x").hexdigest()
h2 = hashlib.md5(data)
