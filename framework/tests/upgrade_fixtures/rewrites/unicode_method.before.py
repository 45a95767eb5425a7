class Page(object):
    def __unicode__(self):
        return self.title
    __str__ = __unicode__

class Err(Exception):
    def __unicode__(self):
        return u"error %s" % self.x
    def __str__(self):
        return unicode(self).encode('utf-8')

def f(e):
    return e.__unicode__().upper() + self.page.__unicode__()

class Both(object):
    def __unicode__(self):
        return u"both"
    def __str__(self):
        return "also"
