<%inherit file="/base.mako"/>\

<h1 class="main">Title List</h1>

${h.secure_form(url('delete_page'))}

<ul id="titles">
% for title in sorted(c.titles, lambda a, b: cmp(a.lower(), b.lower())):
  <li>
    ${h.link_to(title, url('show_page', title=title))} -
    ${h.checkbox('title', title)}
  </li>
% endfor
</ul>

${h.submit('delete', 'Delete')}

${h.end_form()}
