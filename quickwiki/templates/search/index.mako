## Search results: the pages matching the query, best first, each with a
## snippet of its text (escaped, its matches in <mark>), and the offer to
## write the page the query names when it is a title without a page.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Search')}</%def>
<form class="search-page" role="search" method="get" action="${url('search')}">
  <label for="search-page-query">${_('Search for')}</label>
  <input type="search" id="search-page-query" name="q" value="${c.typed}"
         maxlength="200">
  <input type="submit" value="${_('Search')}">
</form>
% if c.creatable:
<p class="create-offer">${_('There is no page called %(title)s.') % dict(title=c.creatable)}
  ${h.link_to(_('Create %(title)s') % dict(title=c.creatable),
              url('edit_page', title=c.creatable), class_='create-link')}</p>
% endif
% if not c.query:
<p class="search-help">${_('Type words to find the pages that hold all of them; put words in "double quotes" to find them in a row. A page\'s exact title goes straight to it.')}</p>
% elif c.hits:
% if c.narrowed:
<p class="narrowed">${_('More than %(most)d pages match: these are the best of the %(most)d changed most recently. Add words to find others.') % dict(most=c.most_ranked)}</p>
% endif
<ol class="search-results" start="${c.first}">
  % for hit in c.hits:
  <li>
    ${h.link_to(hit.title, url('page', title=hit.title), class_='result-title')}
    % if hit.snippet:
    <p class="snippet">${hit.snippet}</p>
    % endif
  </li>
  % endfor
</ol>
% if c.earlier or c.later:
<nav class="pager">
  % if c.earlier:
  ${h.link_to(_('Previous'), url('search', q=c.typed, page=c.number - 1), rel='prev')}
  % endif
  % if c.later:
  ${h.link_to(_('Next'), url('search', q=c.typed, page=c.number + 1), rel='next')}
  % endif
</nav>
% endif
% elif c.number > 1:
<p class="no-results">${_('No more pages match.')}</p>
% else:
<p class="no-results">${_('No page matches.')}</p>
% endif
