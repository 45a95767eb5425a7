def app(environ, start_response):
    start_response('200 OK', [('Content-type', 'text/plain')])
    return ['Hello world!', "x"]

def app2(environ, start_response):
    start_response('200 OK', [])
    yield 'Hello'
    return

def app3(environ, start_response):
    start_response('200 OK', [])
    return [page]

def other(environ, start_response):
    return app(environ, start_response)
