def hello_app(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return ['Hello from a plain WSGI application']

__controller__ = 'hello_app'
