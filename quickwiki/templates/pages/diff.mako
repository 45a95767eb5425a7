## What changed between two revisions of a page.
<%inherit file="/base.mako"/>
<%namespace name="diffs" file="/pages/diffs.mako"/>
<%def name="heading()">${_('%(title)s: revision %(old)d to %(new)d') % dict(title=c.title, old=c.old.number, new=c.new.number)}</%def>
<%def name="actions()">
  ${h.link_to(_('History of %(title)s') % dict(title=c.title), url('history', title=c.title),
              class_='history-link')}
  ${h.link_to(_('Back to %(title)s') % dict(title=c.title), url('page', title=c.title))}
</%def>
<p class="diff-revisions">
  ${h.translated('From %(old)s to %(new)s.', old=h.literal(capture(revision, c.old)), new=h.literal(capture(revision, c.new)))}
</p>
<p class="diff-styles">
  % if c.style == 'inline':
  <strong>${_('Inline')}</strong> ·
  ${h.link_to(_('Side by side'), url('diff', title=c.title, old=c.old.number,
              new=c.new.number, style='side'), class_='style-link')}
  % else:
  ${h.link_to(_('Inline'), url('diff', title=c.title, old=c.old.number,
              new=c.new.number, style='inline'), class_='style-link')}
  · <strong>${_('Side by side')}</strong>
  % endif
</p>
% if c.hunks is None:
<p class="comparison-failed">${_('The two revisions could not be compared: %(reason)s. Open each of them to read it.') % dict(reason=c.comparison_failure)}</p>
% elif not c.hunks:
<p class="no-changes">${_('The two revisions have the same lines.')}</p>
% elif c.style == 'inline':
${diffs.inline(c.hunks)}
% else:
## Side by side needs room: a narrow screen shows the inline layout
## (quick.css shows one of the two).
<div class="diff-wide">${diffs.side_by_side(c.hunks)}</div>
<div class="diff-narrow">${diffs.inline(c.hunks)}</div>
% endif
% if c.hunks and c.hunks.omitted:
<p class="changes-omitted">${_('And %(count)d more changed lines, left out to keep the page short: compare revisions closer together.') % dict(count=c.hunks.omitted)}</p>
% endif

<%def name="revision(shown)">\
<% link = h.link_to(_('revision %(number)d') % dict(number=shown.number),
                    url('revision', title=c.title, number=shown.number)) %>\
% if shown.deleted:
${h.translated('%(revision)s (%(author)s, %(when)s, deleted the page)', revision=link,
               author=h.author(shown), when=h.moment(shown.created))}\
% else:
${h.translated('%(revision)s (%(author)s, %(when)s)', revision=link,
               author=h.author(shown), when=h.moment(shown.created))}\
% endif
</%def>
