## Wanted pages: titles that pages link to but that have no page, each
## with the number of pages linking to it.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Wanted pages')}</%def>
% if c.wanted:
<p>${_('Pages link to these titles, which have no page yet: follow one to write it.')}</p>
<ul class="titles wanted">
  % for title, linking in c.wanted:
  <li>${h.link_to(title, url('page', title=title), class_='wikilink-missing')}
    (${h.link_to(ungettext('%(count)d linking page', '%(count)d linking pages', linking)
                 % dict(count=linking),
                 url('backlinks', title=title), class_='backlinks-link')})</li>
  % endfor
</ul>
<%include file="/links/pager.mako"/>
% else:
<p class="no-wanted">${_('No page links to a page that does not exist.')}</p>
% endif
