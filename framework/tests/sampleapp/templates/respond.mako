<% response.headers['X-Set-By'] = 'template' %>\
<p>${session.get('visits', 'no visits')} for ${request.path_info}</p>
