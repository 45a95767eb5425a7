## An old revision of a page, rendered, with the form that restores it.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('%(title)s, revision %(number)d') % dict(title=c.title, number=c.shown.number)}</%def>
<%def name="actions()">
  ${h.link_to(_('History of %(title)s') % dict(title=c.title), url('history', title=c.title),
              class_='history-link')}
  ${h.link_to(_('Back to %(title)s') % dict(title=c.title), url('page', title=c.title))}
</%def>
<p class="revision-info">\
% if c.shown.summary:
${h.translated('Revision %(number)d of %(title)s, by %(author)s, %(when)s: “%(summary)s”.',
    number=c.shown.number, title=c.title, author=h.author(c.shown),
    when=h.moment(c.shown.created), summary=c.shown.summary)}
% else:
${h.translated('Revision %(number)d of %(title)s, by %(author)s, %(when)s.',
    number=c.shown.number, title=c.title, author=h.author(c.shown),
    when=h.moment(c.shown.created))}
% endif
% if c.shown.number == c.latest.number:
  ${_('This is the latest revision.')}
% else:
  <% changes = h.link_to(_('changes since'), url('diff', title=c.title, old=c.shown.number,
                                                 new=c.latest.number),
                          class_='changes-link') %>
  ${h.translated('The latest is revision %(number)d (%(changes)s).', number=c.latest.number,
                 changes=changes)}
% endif
</p>
% if c.restore_conflict is not None:
<p class="conflict">${_('Nothing was restored: %(title)s changed while you were looking, to revision %(number)d by %(author)s, %(when)s. Check that change, then restore again if you still want to.') % dict(
    title=c.title, number=c.restore_conflict.number, author=c.restore_conflict.author,
    when=h.moment(c.restore_conflict.created))}</p>
% endif
% if c.rendered is None:
<p class="deletion-marker">${_('This revision deleted the page.')}</p>
% else:
<article class="wiki-content">
% if c.rendered.title:
<h2 class="document-title">${c.rendered.title}</h2>
% endif
${c.rendered.html}
</article>
<% restoring = 'restore_deleted' if c.latest.deleted else 'edit' %>
% if c.shown.number != c.latest.number and h.allowed(restoring, c.title):
${h.secure_form(url('restore', title=c.title, number=c.shown.number),
                class_='restore')}
  ${h.hidden('base', c.latest.number)}
  <label for="summary">${_('Why (optional)')}</label>
  ${h.text('summary', c.summary, maxlength=200)}
  ${h.submit('restore', _('Restore this revision'))}
</form>
% endif
% endif
