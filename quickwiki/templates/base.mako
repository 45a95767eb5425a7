## The layout of every page: header, flash messages, the page, footer.
## A template inheriting it defines heading() and may define footer(), and
## above_heading(): a line over the heading.
<!DOCTYPE html>
<html lang="${h.language()}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${self.heading()} - QuickWiki</title>
  <link rel="stylesheet" href="${url('/quick.css')}">
  <link rel="icon" href="${url('/favicon.ico')}">
</head>
<body>
  <header class="site">
    <a class="brand" href="${url('home')}">QuickWiki</a>
    <nav>
      <a href="${url('home')}">FrontPage</a>
      <a href="${url('pages')}">${_('Title list')}</a>
    </nav>
    ${who()}
  </header>
  <main>
    ${self.above_heading()}
    <h1>${self.heading()}</h1>
    ${flash_messages()}
    ${next.body()}
  </main>
  <footer class="site">${self.footer()}</footer>
</body>
</html>

<%def name="footer()"></%def>
<%def name="above_heading()"></%def>

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
