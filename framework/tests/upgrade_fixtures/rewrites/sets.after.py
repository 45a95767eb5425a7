import re
x = set(a)
y = set([1]) | frozenset(b)
