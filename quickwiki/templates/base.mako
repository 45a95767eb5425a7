## The layout of every page: a way past the header to the content; the
## header, with the search box; the page's heading, its actions, flash
## messages and body; the footer.  A template inheriting it defines
## heading(), and may define actions() (links and buttons under the
## heading), above_heading() (a line over it), footer() and feeds(), the
## Atom feeds it offers.  Styles and scripts are files of their own: the
## Content-Security-Policy allows nothing inline.  The parts that are the
## same for every reader of a language are rendered once (fixed, below).
<%! from quickwiki.lib.helpers import FixedParts

fixed = FixedParts()
%>\
<!DOCTYPE html>
<html lang="${h.language()}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${self.heading()} - QuickWiki</title>
  ${site_links()}
  ${self.feeds()}
</head>
<body>
  ${site_bar()}
      ${who()}
      ${search_box()}
    </div>
  </header>
  <main id="main" tabindex="-1">
    ${self.above_heading()}
    <h1>${self.heading()}</h1>
    <% actions = capture(self.actions).strip() %>
    % if actions:
    <nav class="page-actions" aria-label="${_('This page')}">${actions | n}</nav>
    % endif
    ${flash_messages()}
    ${next.body()}
  </main>
  <footer class="site">${self.footer()}</footer>
  ## The search box's fields, in the header, belong to this form (form=): a
  ## page's own form stays the first of its document, where scripts and
  ## the tests that fill it in find it.
  ${site_end()}
</body>
</html>

## The parts of the layout that show the same to every reader of a
## language (their text, and URLs that start where the wiki is mounted):
## each is rendered once for each, then written as it was (FixedParts).
<%def name="site_links()" decorator="fixed"><link rel="stylesheet" href="${url('/quick.css')}">
  <link rel="icon" href="${url('/favicon.ico')}"></%def>\
<%def name="site_bar()" decorator="fixed"><a class="skip-link" href="#main">${_('Skip to the content')}</a>
  <header class="site">
    <div class="bar">
      <a class="brand" href="${url('home')}">QuickWiki</a>
      <nav aria-label="${_('The wiki')}">
        <a href="${url('home')}">FrontPage</a>
        <a href="${url('pages')}">${_('Title list')}</a>
        <a href="${url('changes')}">${_('Recent changes')}</a>
        <a href="${url('new_page')}">${_('New page')}</a>
      </nav></%def>\
<%def name="search_box()" decorator="fixed"><div class="search" role="search">
        <input type="search" name="q" form="site-search"
               aria-label="${_('Search the wiki')}" maxlength="200"
               placeholder="${_('Search')}">
        <input type="submit" form="site-search" value="${_('Search')}">
      </div></%def>\
<%def name="site_end()" decorator="fixed"><form id="site-search" method="get" action="${url('search')}"></form>
  <script src="${url('/quick.js')}" defer></script></%def>\
<%def name="footer()" decorator="fixed">${_('QuickWiki keeps every revision of every page.')}</%def>
<%def name="above_heading()"></%def>
<%def name="actions()"></%def>

## Who is logged in, and the way out; or the ways in.
<%def name="who()" filter="trim">
<% own = h.account() %>
<div class="who">
% if own is not None:
  <a class="account-name" href="${url('account')}">${own.name}</a>
  <span class="role">(${h.role_name(own.role)})</span>
  % if h.allowed('manage_accounts'):
  <a class="accounts-link" href="${url('accounts')}">${_('Accounts')}</a>
  % endif
  % if not h.signed_on():
  <a class="logout-link" href="${url('logout')}">${_('Log out')}</a>
  % endif
% else:
  <a class="login-link" href="${h.login_url()}">${_('Log in')}</a>
  % if h.registration():
  <a class="register-link" href="${url('register')}">${_('Register')}</a>
  % endif
% endif
</div>
</%def>

<%def name="feeds()" decorator="fixed">
  <link rel="alternate" type="application/atom+xml" title="${_('Recent changes')}"
        href="${url('changes_feed')}">
</%def>

## The link to the Atom feed of page c.title's history, for the head of
## the page's views (a def, not an include: no template to look up).
<%def name="history_feed()"><link rel="alternate" type="application/atom+xml" title="${_('History of %(title)s') % dict(title=c.title)}"
      href="${url('history_feed', title=c.title)}">
</%def>\
<%def name="flash_messages()" filter="trim">
<% messages = h.flash.pop_messages() %>
% if messages:
  <ul class="flash">
  % for message in messages:
    <li class="${message.category}">${message}</li>
  % endfor
  </ul>
% endif
</%def>
