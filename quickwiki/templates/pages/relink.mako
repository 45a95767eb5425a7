## After a rename: the pages that link to the old title, offered for their
## links to lead to the new one, each with a revision of its own.
<%inherit file="/base.mako"/>
<%def name="heading()">Links to ${c.old}</%def>
<%def name="footer()">
  ${h.link_to('Go to ' + c.title, url('page', title=c.title))}
</%def>
% if c.linking:
<p>These pages link to ${c.old}, which now redirects to ${c.title}. Tick
  those whose links are to lead to ${c.title} itself: each gets a revision
  that changes ${c.old} to ${c.title} in its text.</p>
${h.secure_form(url('relink', title=c.title), class_='relink')}
  ${h.hidden('old', c.old)}
  <ul class="titles">
  % for page in c.linking:
    <li>${h.checkbox('page', value=page, checked=True, id='relink-' + page)}
      ${h.link_to(page, url('page', title=page))}</li>
  % endfor
  </ul>
  % if c.more:
  <p>More pages link to ${c.old}: they are offered once these are done.</p>
  % endif
  <p class="buttons">${h.submit('relink', 'Change their links')}</p>
</form>
% else:
<p class="no-backlinks">No page links to ${c.old} any more.</p>
% endif
