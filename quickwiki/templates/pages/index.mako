## The title list: a page of titles, and links to the pages of titles
## before and after it; for an admin, a box by each title to tick for
## deletion.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Title list')}</%def>
## Its links are plain markup, not h.link_to: WebHelpers2's tag builder
## was a sixth of the list's time.
<%def name="footer()">
  ${h.translated('%(wanted)s: titles that pages link to, which have no page yet.',
                 wanted=h.literal('<a class="wanted-link" href="%s">%s</a>') % (url('wanted'), _('Wanted pages')))}
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
      <a href="${url('page', title=title)}">${title}</a>
    </li>
  % endfor
  </ul>
  % if c.earlier or c.later:
  <nav class="pager">
    % if c.earlier:
    <a href="${url('pages')}" rel="first">${_('First')}</a>
    <a href="${url('pages', before=c.titles[0])}" rel="prev">${_('Previous')}</a>
    % endif
    % if c.later:
    <a href="${url('pages', after=c.titles[-1])}" rel="next">${_('Next')}</a>
    <a href="${url('pages', page='last')}" rel="last">${_('Last')}</a>
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
