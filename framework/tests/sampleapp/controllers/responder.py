"""A controller that is a plain function returning a webob Response."""

import webob

__controller__ = "respond"


def respond(environ, start_response):
    return webob.Response(
        body=b"a response object", status=203, content_type="text/plain"
    )
