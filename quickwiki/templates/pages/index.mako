## The title list: a page of titles, each with a box to tick for deletion.
<%inherit file="/base.mako"/>
<%def name="heading()">Title list</%def>
% if c.titles:
${h.secure_form(url('delete_pages'), class_='title-list')}
  <ul class="titles">
  % for row in c.titles:
    <li>
      ${h.checkbox('title', value=row.title, id='delete-' + row.title,
                   title='Delete ' + row.title)}
      ${h.link_to(row.title, url('page', title=row.title))}
    </li>
  % endfor
  </ul>
  <nav class="pager">${h.literal(c.titles.pager(
      'Page $page of $page_count: $link_previous ~2~ $link_next',
      curpage_attr={'class': 'current'}))}</nav>
  ${h.submit('delete', 'Delete ticked pages')}
</form>
% else:
<p>There are no pages yet.</p>
% endif
