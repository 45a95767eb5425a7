"""Request bodies as the action receives them: their size and digest."""

import hashlib

from pylons import request

from tests.sampleapp.lib.base import BaseController


def _summary(data):
    return "%d bytes, sha256 %s" % (len(data), hashlib.sha256(data).hexdigest())


class UploadsController(BaseController):
    def raw(self):
        """The request body itself."""
        return _summary(request.body)

    def form(self):
        """The file of a multipart form's ``upload`` field."""
        return _summary(request.POST["upload"].file.read())
