## After a rename: the pages that link to the old title, offered for their
## links to lead to the new one, each with a revision of its own.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Links to %(title)s') % dict(title=c.old)}</%def>
<%def name="actions()">
  ${h.link_to(_('Go to %(title)s') % dict(title=c.title), url('page', title=c.title))}
</%def>
% if c.linking:
<p>${_('These pages link to %(old)s, which now redirects to %(new)s. Tick those whose links are to lead to %(new)s itself: each gets a revision that changes %(old)s to %(new)s in its text.') % dict(old=c.old, new=c.title)}</p>
${h.secure_form(url('relink', title=c.title), class_='relink')}
  ${h.hidden('old', c.old)}
  <ul class="titles">
  % for page in c.linking:
    <li><label class="tap-target">${h.checkbox('page', value=page, checked=True, id='relink-' + page,
                     title=_('Change the links of %(page)s') % dict(page=page))}</label>
      ${h.link_to(page, url('page', title=page))}</li>
  % endfor
  </ul>
  % if c.more:
  <p>${_('More pages link to %(old)s: they are offered once these are done.') % dict(old=c.old)}</p>
  % endif
  <p class="buttons">${h.submit('relink', _('Change their links'))}</p>
</form>
% else:
<p class="no-backlinks">${_('No page links to %(old)s any more.') % dict(old=c.old)}</p>
% endif
