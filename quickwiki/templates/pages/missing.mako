## A WikiWord without a page yet: the offer to write it.
<%inherit file="/base.mako"/>
<%def name="heading()">${c.title}</%def>
<p class="missing-page">There is no page called ${c.title} yet.</p>
<p>${h.link_to('Create ' + c.title, url('edit_page', title=c.title),
               class_='create-link')}</p>
