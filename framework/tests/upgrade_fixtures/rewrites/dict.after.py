d = {}
for k, v in d.items(): print(k)
for k in list(d.keys()):
    del d[k]
for k in d.keys():
    print(k)
x = list(d.keys())
y = [k for k in d.keys()]
for k, v in list(d.items()):
    d[k] = 2
