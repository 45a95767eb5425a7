## Recent changes: the latest revisions, newest first, with what each
## changed, filtered by page or author, and a link to their Atom feed.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Recent changes')}</%def>
<%def name="feeds()">
  <link rel="alternate" type="application/atom+xml"
        title="${_('Recent changes')}${filtered()}" href="${url('changes_feed', **c.filters)}">
</%def>
<%def name="filtered()">\
% for name, value in sorted(c.filters.items()):
, ${_('page') if name == 'title' else _('author')} ${value}\
% endfor
</%def>
<form class="change-filters" method="get" action="${url('changes')}">
  <label for="filter-title">${_('Page')}</label>
  <input type="text" id="filter-title" name="title" value="${c.filters.get('title', '')}"
         maxlength="40">
  <label for="filter-author">${_('Author')}</label>
  <input type="text" id="filter-author" name="author" value="${c.filters.get('author', '')}"
         maxlength="80">
  <input type="submit" value="${_('Show')}">
</form>
<p class="feed-link">${h.link_to(_('Atom feed of these changes'),
                                  url('changes_feed', **c.filters), class_='feed',
                                  type='application/atom+xml')}</p>
% if c.changes:
<div class="table-scroll"><table class="changes">
  <thead>
    <tr><th>${_('When')}</th><th>${_('Page')}</th><th>${_('Revision')}</th>
        <th>${_('Size')}</th><th>${_('Who')}</th><th>${_('Summary')}</th></tr>
  </thead>
  <tbody>
  ## Plain markup, not h.link_to: a page of 50 rows built 150 links
  ## with it, most of the page's time.
  % for change in c.changes:
    <tr class="${'deletion' if change.deleted else 'edit'}">
      <td>${h.moment(change.created)}</td>
      <td class="page"><a href="${url('page', title=change.page)}">${change.page}</a></td>
      <td class="number"><a href="${url('revision', title=change.page, number=change.number)}">${change.number}</a>\
% if change.number > 1:
 (<a class="changes-link" href="${url('diff', title=change.page, old=change.number - 1, new=change.number)}">${_('changes')}</a>)\
% endif
</td>
      <td class="growth">${'%+d' % change.growth}</td>
      <td class="author"><a class="author-link" href="${url('changes', author=change.author)}">${change.author}</a>\
% if change.address:
 (${change.address})\
% endif
</td>
      <td class="summary">\
% if change.deleted:
<span class="deletion-marker">${_('deleted the page')}</span> \
% endif
${change.summary}</td>
    </tr>
  % endfor
  </tbody>
</table></div>
% else:
<p class="no-changes">${_('No changes')}${filtered()}.</p>
% endif
<nav class="pager">
  % if c.newer:
  ${h.link_to(_('Newest changes'), url('changes', **c.filters), rel='first')}
  % endif
  % if c.older_url:
  ${h.link_to(_('Older changes'), c.older_url, rel='next')}
  % endif
</nav>
