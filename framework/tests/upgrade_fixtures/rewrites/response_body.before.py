response.body = "Hello"
response.body = "Hello %s" % name
response.body = data
assert 'Hello' in res.body
assert "x" not in res.body
assert res.body == 'exact'
assert res.body.startswith('<html')
content = literal(resp.body) or escape(request.GET.get('message', ''))
r = json.loads(res.body)
