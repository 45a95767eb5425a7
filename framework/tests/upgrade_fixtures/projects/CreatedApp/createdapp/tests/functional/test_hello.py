from createdapp.tests import *

class TestHelloController(TestController):

    def test_index(self):
        response = self.app.get(url(controller='hello', action='index'))
        assert 'Hello World' in response.body

    def test_greet(self):
        response = self.app.get(url(controller='hello', action='greet', id='ann,bo'))
        assert response.body.count('Hello') == 2
        assert 'Bo (2 letters)' in response

    def test_welcome_page(self):
        response = self.app.get('/')
        assert 'Welcome to your Pylons Web Application' in response

    def test_missing_page_is_the_error_document(self):
        response = self.app.get('/no/such/page', status=404)
        assert '404' in response.body

    def test_stock_error_image(self):
        response = self.app.get('/error/img/logo.gif')
        assert response.content_type == 'image/gif'
