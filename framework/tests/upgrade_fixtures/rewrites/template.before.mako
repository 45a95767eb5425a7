<%inherit file="/base.mako"/>
<%!
    import md5
    from webhelpers.html import literal
%>
<%def name="title()">${c.title.decode('utf-8')}</%def>
## a comment with ${ignored.iteritems()}
<%text>${not.python}</%text>
<ul>
% for k, v in c.items.iteritems():
    <li>${k}: ${unicode(v) | h} ${h.url_for(controller='pages', action='show', title=k)}</li>
% endfor
% if c.x.has_key('y'):
  yes
% elif len(c.z.keys()) > 2:
  no
% endif
</ul>
<%
    for x in c.rows:
        print x
    total = reduce(lambda a, b: a + b, c.nums)
%>
<% n = long(3) %>
${h.link_to('Edit', url=h.url_for(action='edit'))}
