## Search results: the pages matching the query, best first, each with a
## snippet of its text (escaped, its matches in <mark>), and the offer to
## write the page the query names when it is a title without a page.
<%inherit file="/base.mako"/>
<%def name="heading()">Search</%def>
<form class="search-page" role="search" method="get" action="${url('search')}">
  <label for="search-page-query">Search for</label>
  <input type="search" id="search-page-query" name="q" value="${c.typed}"
         maxlength="200">
  <input type="submit" value="Search">
</form>
% if c.creatable:
<p class="create-offer">There is no page called ${c.creatable}.
  ${h.link_to('Create ' + c.creatable, url('edit_page', title=c.creatable),
              class_='create-link')}</p>
% endif
% if not c.query:
<p class="search-help">Type words to find the pages that hold all of
  them; put words in "double quotes" to find them in a row. A page's exact
  title goes straight to it.</p>
% elif c.hits:
% if c.narrowed:
<p class="narrowed">More than ${c.most_ranked} pages match: these are the best
  of the ${c.most_ranked} changed most recently. Add words to find others.</p>
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
  ${h.link_to('Previous', url('search', q=c.typed, page=c.number - 1), rel='prev')}
  % endif
  % if c.later:
  ${h.link_to('Next', url('search', q=c.typed, page=c.number + 1), rel='next')}
  % endif
</nav>
% endif
% elif c.number > 1:
<p class="no-results">No more pages match.</p>
% else:
<p class="no-results">No page matches.</p>
% endif
