def app(environ, start_response):
    start_response('200 OK', [('Content-type', 'text/plain')])
    return [b'Hello world!', b"x"]

def app2(environ, start_response):
    start_response('200 OK', [])
    yield b'Hello'
    return

def app3(environ, start_response):
    start_response('200 OK', [])
    return [page]

def other(environ, start_response):
    return app(environ, start_response)
