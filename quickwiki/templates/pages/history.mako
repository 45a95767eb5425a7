## A page's history: its revisions, newest first, a page of them at a
## time, with a form to compare any two.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('History of %(title)s') % dict(title=c.title)}</%def>
## Plain markup, not h.link_to: its tag builder was a tenth of the page.
## &middot;, not the character: one character beyond ASCII on a page has
## Python encode all of it a character at a time.
<%def name="actions()">
  <a href="${url('page', title=c.title)}">${_('Back to %(title)s') % dict(title=c.title)}</a>
  &middot; <a class="feed" href="${url('history_feed', title=c.title)}" type="application/atom+xml">${_('Atom feed of this history')}</a>
</%def>
<%def name="feeds()">
  ${parent.feeds()}
  ${parent.history_feed()}
</%def>
## Made once, not once a row: the translations, and the diff's address,
## which each row's link to its changes gives the two numbers it compares.
<%
  diff_url = url('diff', title=c.title)
  compare_from = _('Compare from revision %(number)d')
  compare_to = _('Compare to revision %(number)d')
  changes = _('changes')
%>\
<form class="history" method="GET" action="${diff_url}">
  <div class="table-scroll"><table class="revisions">
    <thead>
      <tr><th>${_('Old')}</th><th>${_('New')}</th><th>${_('Revision')}</th>
          <th>${_('When')}</th><th>${_('Who')}</th><th>${_('Summary')}</th>
          <th><span class="visually-hidden">${_('Changes')}</span></th></tr>
    </thead>
    <tbody>
    % for index, shown in enumerate(c.revisions):
      <tr class="${'deletion' if shown.deleted else 'edit'}">
        ## Each button named for what it chooses: a screen reader says no
        ## column heading with it; its label is a fingertip's target.  Plain
        ## markup, not h.radio and h.link_to: a page of 50 rows built 200
        ## elements with them, most of the page's time.
        <td><label class="tap-target"><input aria-label="${compare_from % dict(number=shown.number)}"${' checked="checked"' if index == 1 else '' | n} id="old-${shown.number}" name="old" type="radio" value="${shown.number}" /></label></td>
        <td><label class="tap-target"><input aria-label="${compare_to % dict(number=shown.number)}"${' checked="checked"' if index == 0 else '' | n} id="new-${shown.number}" name="new" type="radio" value="${shown.number}" /></label></td>
        <td class="number"><a href="${url('revision', title=c.title, number=shown.number)}">${shown.number}</a></td>
        <td>${h.moment(shown.created)}</td>
        <td class="author">${h.author(shown)}</td>
        <td class="summary">\
% if shown.deleted:
<span class="deletion-marker">${_('deleted the page')}</span> \
% endif
${shown.summary}</td>
        <td>\
% if shown.number > 1:
<a class="changes-link" href="${diff_url}?old=${shown.number - 1}&amp;new=${shown.number}">${changes}</a>\
% endif
</td>
      </tr>
    % endfor
    </tbody>
  </table></div>
  % if c.latest.number > 1:
  <p>
    <label><input type="radio" name="style" value="inline" checked> ${_('inline')}</label>
    <label><input type="radio" name="style" value="side"> ${_('side by side')}</label>
    <input type="submit" value="${_('Compare the chosen revisions')}">
  </p>
  % endif
</form>
<nav class="pager">
  % if c.newer_url:
  ${h.link_to(_('Newer revisions'), c.newer_url, class_='newer-link')}
  % endif
  % if c.older_url:
  ${h.link_to(_('Older revisions'), c.older_url, class_='older-link')}
  % endif
</nav>
