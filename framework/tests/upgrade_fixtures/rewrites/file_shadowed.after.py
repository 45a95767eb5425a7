def shadowing(file):
    return file("x")

f = file("y")
