from functools import cmp_to_key
items.sort(key=cmp_to_key(lambda a, b: ((a.date > b.date) - (a.date < b.date))))
items.sort(key=cmp_to_key(by_date), reverse=True)
x = sorted(items, key=cmp_to_key(by_date))
y = sorted(items, key=len)
cursor.sort('name')
z = (((a or b) > c) - ((a or b) < c))
