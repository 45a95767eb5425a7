"""Error documents, shown by StatusCodeRedirect."""
from markupsafe import escape

from pylons import request
from pylons.middleware import error_document_template

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
