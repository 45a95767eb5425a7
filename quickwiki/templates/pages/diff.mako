## What changed between two revisions of a page.
<%inherit file="/base.mako"/>
<%namespace name="diffs" file="/pages/diffs.mako"/>
<%def name="heading()">${c.title}: revision ${c.old.number} to ${c.new.number}</%def>
<%def name="footer()">
  ${h.link_to('History of ' + c.title, url('history', title=c.title),
              class_='history-link')}
  · ${h.link_to('Back to ' + c.title, url('page', title=c.title))}
</%def>
<p class="diff-revisions">
  From ${revision(c.old)} to ${revision(c.new)}.
</p>
<p class="diff-styles">
  % if c.style == 'inline':
  <strong>Inline</strong> ·
  ${h.link_to('Side by side', url('diff', title=c.title, old=c.old.number,
              new=c.new.number, style='side'), class_='style-link')}
  % else:
  ${h.link_to('Inline', url('diff', title=c.title, old=c.old.number,
              new=c.new.number, style='inline'), class_='style-link')}
  · <strong>Side by side</strong>
  % endif
</p>
% if not c.hunks:
<p class="no-changes">The two revisions have the same lines.</p>
% elif c.style == 'inline':
${diffs.inline(c.hunks)}
% else:
${diffs.side_by_side(c.hunks)}
% endif

<%def name="revision(shown)">\
${h.link_to('revision %d' % shown.number,
            url('revision', title=c.title, number=shown.number))}
(${h.author(shown)}, ${h.moment(shown.created)}\
% if shown.deleted:
, deleted the page\
% endif
)\
</%def>
