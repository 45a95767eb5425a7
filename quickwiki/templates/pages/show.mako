## A page: the stored HTML of its latest revision.
<%inherit file="/base.mako"/>
<%def name="heading()">${c.title}</%def>
<%def name="footer()">
  <a class="edit-link" href="${url('edit_page', title=c.title)}">Edit ${c.title}</a>
  · <a class="history-link" href="${url('history', title=c.title)}">History</a>
  (revision ${c.revision})
  · <a class="delete-link" href="${url('delete_pages', title=c.title)}">Delete</a>
</%def>
<article class="wiki-content">
${c.content}
</article>
