## The title list: a page of titles, and links to the pages of titles
## before and after it; for an admin, a box by each title to tick for
## deletion.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Title list')}</%def>
<%def name="footer()">
  ${h.translated('%(wanted)s: titles that pages link to, which have no page yet.',
                 wanted=h.link_to(_('Wanted pages'), url('wanted'), class_='wanted-link'))}
</%def>
<% deleting = h.allowed('delete') %>
% if c.titles:
% if deleting:
${h.secure_form(url('delete_pages'), class_='title-list')}
% endif
  <ul class="titles">
  % for title in c.titles:
    <li>
      % if deleting:
      <label class="tap-target">${h.checkbox('title', value=title, id='delete-' + title,
                   title=_('Delete %(title)s') % dict(title=title))}</label>
      % endif
      ## Plain markup, not h.link_to: faster for a list of titles.
      <a href="${url('page', title=title)}">${title}</a>
    </li>
  % endfor
  </ul>
  % if c.earlier or c.later:
  <nav class="pager">
    % if c.earlier:
    ${h.link_to(_('First'), url('pages'), rel='first')}
    ${h.link_to(_('Previous'), url('pages', before=c.titles[0]), rel='prev')}
    % endif
    % if c.later:
    ${h.link_to(_('Next'), url('pages', after=c.titles[-1]), rel='next')}
    ${h.link_to(_('Last'), url('pages', page='last'), rel='last')}
    % endif
  </nav>
  % endif
% if deleting:
  ${h.submit('delete', _('Delete ticked pages'))}
</form>
% endif
% else:
<p>${_('There are no pages yet.')}</p>
% endif
