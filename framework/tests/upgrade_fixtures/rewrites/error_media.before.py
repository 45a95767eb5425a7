from paste.urlparser import PkgResourcesParser
from pylons.controllers.util import forward

class ErrorController(BaseController):
    def img(self, id):
        return self._serve_file('/'.join(['media/img', id]))

    def _serve_file(self, path):
        request.environ['PATH_INFO'] = '/%s' % path
        return forward(PkgResourcesParser('pylons', 'pylons'))
