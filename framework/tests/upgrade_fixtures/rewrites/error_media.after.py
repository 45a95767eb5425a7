from pylons.controllers.util import forward
from paste.urlparser import StaticURLParser
from pylons.middleware import media_path

class ErrorController(BaseController):
    def img(self, id):
        return self._serve_file('/'.join(['img', id]))

    def _serve_file(self, path):
        request.environ['PATH_INFO'] = '/%s' % path
        return forward(StaticURLParser(media_path))
