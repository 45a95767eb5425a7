## An old revision of a page, rendered, with the form that restores it.
<%inherit file="/base.mako"/>
<%def name="heading()">${c.title}, revision ${c.shown.number}</%def>
<%def name="footer()">
  ${h.link_to('History of ' + c.title, url('history', title=c.title),
              class_='history-link')}
  · ${h.link_to('Back to ' + c.title, url('page', title=c.title))}
</%def>
<p class="revision-info">Revision ${c.shown.number} of ${c.title}, by
  ${h.author(c.shown)}, ${h.moment(c.shown.created)}\
% if c.shown.summary:
: “${c.shown.summary}”\
% endif
.
% if c.shown.number == c.latest.number:
  This is the latest revision.
% else:
  The latest is revision ${c.latest.number}
  (${h.link_to('changes since', url('diff', title=c.title, old=c.shown.number,
                                     new=c.latest.number),
               class_='changes-link')}).
% endif
</p>
% if c.restore_conflict is not None:
<p class="conflict">Nothing was restored: ${c.title} changed while you were
  looking, to revision ${c.restore_conflict.number} by
  ${c.restore_conflict.author}, ${h.moment(c.restore_conflict.created)}.
  Check that change, then restore again if you still want to.</p>
% endif
% if c.rendered is None:
<p class="deletion-marker">This revision deleted the page.</p>
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
  <label for="summary">Why (optional)</label>
  ${h.text('summary', c.summary, maxlength=200, size=60)}
  ${h.submit('restore', 'Restore this revision')}
</form>
% endif
% endif
