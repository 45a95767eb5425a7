## The login form; after a failed attempt, why it failed.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Log in')}</%def>
% if c.failed:
<p class="login-failed">${c.failed}</p>
% endif
% if h.account() is not None:
<p class="logged-in">${_('You are logged in as %(name)s. Log in here to another account.') % dict(name=h.account().name)}</p>
% endif
${h.secure_form(url('login'), class_='login')}
  ${h.hidden('came_from', c.came_from or '')}
  <p><label for="name">${_('Name')}</label>
    ${h.text('name', maxlength=200, autocomplete='username', required='required')}</p>
  <p><label for="password">${_('Password')}</label>
    ${h.password('password', autocomplete='current-password', required='required')}</p>
  <p class="buttons">${h.submit('login', _('Log in'))}</p>
</form>
% if h.registration():
<% register = h.link_to(_('Register'), url('register'), class_='register-link') %>
<p>${h.translated('No account yet? %(register)s.', register=register)}</p>
% endif
