<%!
    from functools import reduce
%>
<%inherit file="/base.mako"/>
<%!
    import hashlib
    from webhelpers2.html import literal
%>
<%def name="title()">${c.title.decode('utf-8')}</%def>
## a comment with ${ignored.iteritems()}
<%text>${not.python}</%text>
<ul>
% for k, v in c.items.items():
    <li>${k}: ${str(v) | h} ${url(controller='pages', action='show', title=k)}</li>
% endfor
% if 'y' in c.x:
  yes
% elif len(list(c.z.keys())) > 2:
  no
% endif
</ul>
<%
    for x in c.rows:
        print(x)
    total = reduce(lambda a, b: a + b, c.nums)
%>
<% n = int(3) %>
${h.link_to('Edit', url=url.current(action='edit'))}
