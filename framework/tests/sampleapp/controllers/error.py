"""Error documents, shown by StatusCodeRedirect, and Pylons' stock media
served the way Pylons 0.9.7 and 1.0 error controllers served them."""

import os

from markupsafe import escape
from paste.urlparser import StaticURLParser

from pylons import request
from pylons.middleware import error_document_template, media_path

from tests.sampleapp.lib.base import BaseController


class ErrorController(BaseController):
    def document(self):
        original = request.environ.get("pylons.original_response")
        original_request = request.environ.get("pylons.original_request")
        code = original.status_int if original is not None else 500
        path = original_request.path_info if original_request is not None else ""
        return error_document_template % {
            "prefix": escape(request.script_name),
            "code": code,
            "message": escape("Sample error page for %s" % path),
        }

    def img(self, id):
        return self._serve_file(os.path.join(media_path, "img"), id)

    def style(self, id):
        return self._serve_file(os.path.join(media_path, "style"), id)

    def _serve_file(self, root, name):
        request.environ["PATH_INFO"] = "/" + name
        return StaticURLParser(root)(request.environ, self.start_response)
