## One's own account, the form that changes its password, and its API
## tokens: a new one shown once, the others listed to be revoked.
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

<h2>${_('API tokens')}</h2>
<p>${h.translated('Programs save pages through the wiki\'s %(api)s with a token of your account, sent as %(header)s: they act as you.',
                  api=h.link_to('API', url('api_openapi')),
                  header=h.literal('<code>Authorization: Bearer TOKEN</code>'))}</p>
% if c.new_token:
<p class="new-token">${_('Your new token, shown this once: copy it now.')}
  <code>${c.new_token}</code></p>
% endif
% if c.api_tokens:
<ul class="api-tokens">
  % for token in c.api_tokens:
  <li>${h.translated('%(label)s, made %(when)s', label=token.label, when=h.moment(token.created))}
    ${h.secure_form(url('revoke_api_token'), class_='revoke-token')}
      ${h.hidden('digest', token.digest, id=None)}
      ${h.submit('revoke', _('Revoke'), id=None)}
    </form></li>
  % endfor
</ul>
% endif
${h.secure_form(url('api_tokens'), class_='new-token')}
  <p><label for="label">${_('What the new token is for')}</label>
    ${h.text('label', '', maxlength=80, required='required')}</p>
  <p class="buttons">${h.submit('make', _('Make a token'))}</p>
</form>
