## A page: its rendered reStructuredText.
<%inherit file="/base.mako"/>
<%def name="heading()">${c.title}</%def>
<%def name="footer()">
  ${h.link_to('Edit ' + c.title, url('edit_page', title=c.title),
              class_='edit-link')}
</%def>
<article class="wiki-content">
${c.content}
</article>
