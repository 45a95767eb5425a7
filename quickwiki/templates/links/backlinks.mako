## What links here: the pages whose latest revision links to c.title.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('What links to %(title)s') % dict(title=c.title)}</%def>
<%def name="actions()">
  ${h.link_to(_('Back to %(title)s') % dict(title=c.title), url('page', title=c.title))}
</%def>
% if c.titles:
<ul class="titles backlinks">
  % for title in c.titles:
  <li>${h.link_to(title, url('page', title=title))}</li>
  % endfor
</ul>
<%include file="/links/pager.mako"/>
% else:
<p class="no-backlinks">${_('No page links to %(title)s.') % dict(title=c.title)}</p>
% endif
