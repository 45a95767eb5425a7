## The login form; after a failed attempt, why it failed.
<%inherit file="/base.mako"/>
<%def name="heading()">Log in</%def>
% if c.failed:
<p class="login-failed">${c.failed}</p>
% endif
% if h.account() is not None:
<p class="logged-in">You are logged in as ${h.account().name}. Log in here
  to another account.</p>
% endif
${h.secure_form(url('login'), class_='login')}
  ${h.hidden('came_from', c.came_from or '')}
  <p><label for="name">Name</label>
    ${h.text('name', maxlength=200, autocomplete='username', required='required')}</p>
  <p><label for="password">Password</label>
    ${h.password('password', autocomplete='current-password', required='required')}</p>
  <p class="buttons">${h.submit('login', 'Log in')}</p>
</form>
% if h.registration():
<p>No account yet? ${h.link_to('Register', url('register'), class_='register-link')}.</p>
% endif
