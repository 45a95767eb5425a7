from nose.tools import eq_, ok_

from blog097.tests import *
from blog097.lib.posts import POSTS

class TestPostsController(TestController):

    def setUp(self):
        del POSTS[:]

    def post(self, title, body, tags=()):
        params = [('title', title), ('body', body)]
        params.extend(('tags', tag) for tag in tags)
        return self.app.post(url(controller='posts', action='create'), params)

    def test_home_lists_newest_first(self):
        self.post(u'First', u'The first post')
        self.post(u'Second', u'The second post')
        response = self.app.get(url('home'))
        body = response.body
        ok_(body.index('>Second<') < body.index('>First<'))

    def test_create_redirects_and_flashes(self):
        response = self.post(u'Hello', u'A post', tags=['a', 'b'])
        eq_(response.status_int, 302)
        page = response.follow()
        assert 'Posted Hello' in page.body
        assert 'a, b' in page.body

    def test_invalid_form_is_shown_again(self):
        response = self.post(u'', u'')
        assert 'Please enter a value' in response.body

    def test_show(self):
        self.post(u'Shown', u'Its body')
        slug = POSTS[0].slug
        response = self.app.get(url(controller='posts', action='show', id=slug))
        assert '<h1>Shown</h1>' in response.body
        self.app.get(url(controller='posts', action='show', id='nothing'), status=404)

    def test_latest_as_json(self):
        self.post(u'Tagged', u'x', tags=['one'])
        response = self.app.get(url(controller='posts', action='latest'))
        eq_(response.json['titles'], [u'Tagged'])

    def test_text(self):
        self.post(u'Counted', u'x')
        response = self.app.get(url(controller='posts', action='text'))
        eq_(response.body, '1 posts')

    def test_feed_moved(self):
        response = self.app.get(url(controller='posts', action='feed'), status=301)
        assert response.location.endswith('/')

    def test_plain_wsgi_controller(self):
        response = self.app.get(url(controller='hello', action='index'))
        assert 'Hello from a plain WSGI application' in response.body
