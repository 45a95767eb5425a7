## One's own account, and the form that changes its password.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Your account')}</%def>
<p class="account-info">${_('You are %(name)s, with the role %(role)s, since %(when)s.') % dict(
    name=c.account.name, role=h.role_name(c.account.role), when=h.moment(c.account.created))}</p>
% if c.signed_on:
<p>${_("You logged in through your organisation's single sign-on: your password is not the wiki's to change.")}</p>
% elif not c.account.has_password:
<p>${_('Your account has no password: an admin of the wiki sets one.')}</p>
% else:
<h2>${_('Change your password')}</h2>
% if c.wrong_password:
<p class="login-failed">${_('Your current password was not that: nothing was changed.')}</p>
% endif
${h.secure_form(url('password'), class_='password')}
  <p><label for="current">${_('Current password')}</label>
    ${h.password('current', autocomplete='current-password', required='required')}</p>
  <p><label for="password">${_('New password')}</label>
    ${h.password('password', autocomplete='new-password', required='required')}</p>
  <p><label for="confirm">${_('The new password again')}</label>
    ${h.password('confirm', autocomplete='new-password', required='required')}</p>
  <p class="buttons">${h.submit('change', _('Change the password'))}</p>
</form>
% endif
