## A WikiWord without a page: the offer to write it, and for a deleted
## page, the way to its history.
<%inherit file="/base.mako"/>
<%def name="heading()">${c.title}</%def>
% if c.deletion is not None:
<p class="missing-page deleted-page">${h.translated('%(title)s was deleted by %(author)s on %(when)s (revision %(number)d).',
    title=c.title, author=h.author(c.deletion), when=h.moment(c.deletion.created),
    number=c.deletion.number)}</p>
<%
    history = h.link_to(_('history'), url('history', title=c.title), class_='history-link')
    anew = h.link_to(_('write it anew'), url('edit_page', title=c.title), class_='create-link')
    restoring = h.allowed('restore_deleted', c.title)
    editing = h.allowed('edit', c.title)
%>
% if restoring and editing:
<p>${h.translated('Its %(history)s keeps every revision: restore one there to bring the page back, or %(anew)s.', history=history, anew=anew)}</p>
% elif restoring:
<p>${h.translated('Its %(history)s keeps every revision: restore one there to bring the page back.', history=history)}</p>
% elif editing:
<p>${h.translated('Its %(history)s keeps every revision, or %(anew)s.', history=history, anew=anew)}</p>
% else:
<p>${h.translated('Its %(history)s keeps every revision.', history=history)}</p>
% endif
% elif c.look_alike is not None:
<p class="missing-page look-alike">${h.translated('There is no page called %(title)s, and there can be none: its title looks like that of %(other)s, which readers would take it for.',
    title=c.title,
    other=h.link_to(c.look_alike, url('page', title=c.look_alike), class_='look-alike-link'))}</p>
% else:
<p class="missing-page">${_('There is no page called %(title)s yet.') % dict(title=c.title)}</p>
% if h.allowed('edit', c.title):
<p>${h.link_to(_('Create %(title)s') % dict(title=c.title), url('edit_page', title=c.title),
               class_='create-link')}</p>
% endif
% endif
<p>${h.link_to(_('What links here'), url('backlinks', title=c.title),
               class_='backlinks-link')}</p>
