response.text = "Hello"
response.text = "Hello %s" % name
response.body = data
assert 'Hello' in res.text
assert "x" not in res.text
assert res.text == 'exact'
assert res.text.startswith('<html')
content = literal(resp.text) or escape(request.GET.get('message', ''))
r = json.loads(res.body)
