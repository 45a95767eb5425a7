"""The blog's posts, kept in memory: a list per process."""
import itertools
import md5
import string

POSTS = []
_clock = itertools.count()

class Post(object):

    def __init__(self, title, body):
        self.title = title
        self.body = body
        self.posted = _clock.next()
        self.slug = md5.new(title.encode('utf-8')).hexdigest()[:8]

    def __unicode__(self):
        return u'%s: %s' % (self.title, self.body)

    def __str__(self):
        return unicode(self).encode('utf-8')

def by_date(a, b):
    return cmp(b.posted, a.posted)

def newest_first():
    posts = list(POSTS)
    posts.sort(by_date)
    return posts

def is_title(text):
    return all(c in string.letters + string.digits + ' ' for c in text)
