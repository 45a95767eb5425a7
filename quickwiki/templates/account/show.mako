## One's own account, and the form that changes its password.
<%inherit file="/base.mako"/>
<%def name="heading()">Your account</%def>
<p class="account-info">You are ${c.account.name}, with the role
  ${c.account.role}, since ${h.moment(c.account.created)}.</p>
% if c.signed_on:
<p>You logged in through your organisation's single sign-on: your password
  is not the wiki's to change.</p>
% elif not c.account.has_password:
<p>Your account has no password: an admin of the wiki sets one.</p>
% else:
<h2>Change your password</h2>
% if c.wrong_password:
<p class="login-failed">Your current password was not that: nothing was
  changed.</p>
% endif
${h.secure_form(url('password'), class_='password')}
  <p><label for="current">Current password</label>
    ${h.password('current', autocomplete='current-password', required='required')}</p>
  <p><label for="password">New password</label>
    ${h.password('password', autocomplete='new-password', required='required')}</p>
  <p><label for="confirm">The new password again</label>
    ${h.password('confirm', autocomplete='new-password', required='required')}</p>
  <p class="buttons">${h.submit('change', 'Change the password')}</p>
</form>
% endif
