## The links of a list of titles read forward by keyset: back to its
## start, and on to its next titles.
% if c.first_url or c.next_url:
<nav class="pager">
  % if c.first_url:
  ${h.link_to(_('First'), c.first_url, rel='first')}
  % endif
  % if c.next_url:
  ${h.link_to(_('Next'), c.next_url, rel='next')}
  % endif
</nav>
% endif
