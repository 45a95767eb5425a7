## A WikiWord without a page: the offer to write it, and for a deleted
## page, the way to its history.
<%inherit file="/base.mako"/>
<%def name="heading()">${c.title}</%def>
% if c.deletion is not None:
<p class="missing-page deleted-page">${c.title} was deleted by
  ${c.deletion.author} on ${h.moment(c.deletion.created)}
  (revision ${c.deletion.number}).</p>
<p>Its ${h.link_to('history', url('history', title=c.title),
                   class_='history-link')} keeps every revision: restore
  one there to bring the page back, or
  ${h.link_to('write it anew', url('edit_page', title=c.title),
              class_='create-link')}.</p>
% else:
<p class="missing-page">There is no page called ${c.title} yet.</p>
<p>${h.link_to('Create ' + c.title, url('edit_page', title=c.title),
               class_='create-link')}</p>
% endif
