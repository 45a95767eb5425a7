## The title list: a page of titles, each with a box to tick for deletion,
## and links to the pages of titles before and after it.
<%inherit file="/base.mako"/>
<%def name="heading()">Title list</%def>
% if c.titles:
${h.secure_form(url('delete_pages'), class_='title-list')}
  <ul class="titles">
  % for title in c.titles:
    <li>
      ${h.checkbox('title', value=title, id='delete-' + title,
                   title='Delete ' + title)}
      ${h.link_to(title, url('page', title=title))}
    </li>
  % endfor
  </ul>
  % if c.earlier or c.later:
  <nav class="pager">
    % if c.earlier:
    ${h.link_to('First', url('pages'), rel='first')}
    ${h.link_to('Previous', url('pages', before=c.titles[0]), rel='prev')}
    % endif
    % if c.later:
    ${h.link_to('Next', url('pages', after=c.titles[-1]), rel='next')}
    ${h.link_to('Last', url('pages', page='last'), rel='last')}
    % endif
  </nav>
  % endif
  ${h.submit('delete', 'Delete ticked pages')}
</form>
% else:
<p>There are no pages yet.</p>
% endif
