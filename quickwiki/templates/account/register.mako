## The form that makes an account; its name may be taken already.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Register')}</%def>
% if c.taken:
<p class="name-taken">${_('There is an account called %(name)s already: choose another name.') % dict(name=c.taken)}</p>
% endif
${h.secure_form(url('register'), class_='register')}
  <p><label for="name">${_('Name')}</label>
    ${h.text('name', maxlength=200, autocomplete='username', required='required')}
    <span class="hint">${_('Letters and digits, with dots, dashes, underscores or @ between them.')}</span></p>
  <p><label for="password">${_('Password')}</label>
    ${h.password('password', autocomplete='new-password', required='required')}
    <span class="hint">${_('At least %(count)d characters.') % dict(count=MIN_PASSWORD_LENGTH)}</span></p>
  <p><label for="confirm">${_('The password again')}</label>
    ${h.password('confirm', autocomplete='new-password', required='required')}</p>
  <p class="buttons">${h.submit('register', _('Register'))}</p>
</form>
<%! from quickwiki.lib.accounts import MIN_PASSWORD_LENGTH %>
