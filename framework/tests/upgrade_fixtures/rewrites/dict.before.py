d = {}
for k, v in d.iteritems(): print k
for k in d.keys():
    del d[k]
for k in d.keys():
    print k
x = d.keys()
y = [k for k in d.keys()]
for k, v in d.items():
    d[k] = 2
