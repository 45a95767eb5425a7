import string, md5
from md5 import new
from sha import sha as s1
x = string.letters + string.lowercase
y = string.join(words, ", ") + string.join(w2)
z = string.lower(a + b).strip()
t = string.maketrans("ab", "cd")
n = string.atoi("12")
h = md5.new("x").hexdigest()
h2 = md5.md5(data)
