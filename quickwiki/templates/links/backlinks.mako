## What links here: the pages whose latest revision links to c.title.
<%inherit file="/base.mako"/>
<%def name="heading()">What links to ${c.title}</%def>
<%def name="footer()">
  ${h.link_to('Back to ' + c.title, url('page', title=c.title))}
</%def>
% if c.titles:
<ul class="titles backlinks">
  % for title in c.titles:
  <li>${h.link_to(title, url('page', title=title))}</li>
  % endfor
</ul>
<%include file="/links/pager.mako"/>
% else:
<p class="no-backlinks">No page links to ${c.title}.</p>
% endif
