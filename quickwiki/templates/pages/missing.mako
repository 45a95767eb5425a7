## A WikiWord without a page: the offer to write it, and for a deleted
## page, the way to its history.
<%inherit file="/base.mako"/>
<%def name="heading()">${c.title}</%def>
% if c.deletion is not None:
<p class="missing-page deleted-page">${c.title} was deleted by
  ${h.author(c.deletion)} on ${h.moment(c.deletion.created)}
  (revision ${c.deletion.number}).</p>
<p>Its ${h.link_to('history', url('history', title=c.title),
                   class_='history-link')} keeps every revision\
% if h.allowed('restore_deleted', c.title):
: restore one there to bring the page back\
% endif
% if h.allowed('edit', c.title):
, or ${h.link_to('write it anew', url('edit_page', title=c.title),
              class_='create-link')}\
% endif
.</p>
% elif c.look_alike is not None:
<p class="missing-page look-alike">There is no page called ${c.title}, and
  there can be none: its title looks like that of
  ${h.link_to(c.look_alike, url('page', title=c.look_alike), class_='look-alike-link')},
  which readers would take it for.</p>
% else:
<p class="missing-page">There is no page called ${c.title} yet.</p>
% if h.allowed('edit', c.title):
<p>${h.link_to('Create ' + c.title, url('edit_page', title=c.title),
               class_='create-link')}</p>
% endif
% endif
