class Page(object):
    def __str__(self):
        return self.title

class Err(Exception):
    def __str__(self):
        return "error %s" % self.x

def f(e):
    return str(e).upper() + str(self.page)

class Both(object):
    def __unicode__(self):
        return "both"
    def __str__(self):
        return "also"
