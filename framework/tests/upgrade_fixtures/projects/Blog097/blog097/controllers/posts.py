import logging

from formencode import Schema, validators, FancyValidator, Invalid
from pylons import request, response, session, tmpl_context as c
from pylons.controllers.util import abort, redirect_to
from pylons.decorators import jsonify, validate

from blog097.lib.base import BaseController, render
from blog097.lib import helpers as h
from blog097.lib.posts import POSTS, Post, newest_first, is_title

log = logging.getLogger(__name__)

class Tags(FancyValidator):
    """A list of tags: one field sent once per tag."""

    def _to_python(self, value, state):
        if not isinstance(value, (list, tuple)):
            value = [value]
        return [tag.strip() for tag in value if tag.strip()]

class PostForm(Schema):
    allow_extra_fields = True
    filter_extra_fields = True
    title = validators.UnicodeString(not_empty=True)
    body = validators.UnicodeString(not_empty=True)
    tags = Tags(if_missing=[])

class PostsController(BaseController):

    def index(self):
        c.posts = newest_first()
        return render('/posts.mako')

    def new(self):
        return render('/new.mako')

    @validate(schema=PostForm(), form='new')
    def create(self):
        if not is_title(self.form_result['title']):
            abort(400)
        post = Post(self.form_result['title'], self.form_result['body'])
        post.tags = self.form_result['tags']
        POSTS.append(post)
        h.flash(u'Posted %s' % post.title)
        redirect_to(action='index')

    def show(self, id):
        for post in POSTS:
            if post.slug == id:
                c.post = post
                return render('/post.mako')
        abort(404)

    @jsonify
    def latest(self):
        posts = newest_first()
        return {'titles': [unicode(p.title) for p in posts],
                'tags': dict((p.slug, p.tags) for p in posts)}

    def text(self):
        response.content_type = 'text/plain'
        response.body = "%d posts" % len(POSTS)

    def feed(self):
        redirect_to(h.url_for('home'), _code=301)
