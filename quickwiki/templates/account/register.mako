## The form that makes an account; its name may be taken already.
<%inherit file="/base.mako"/>
<%def name="heading()">Register</%def>
% if c.taken:
<p class="name-taken">There is an account called ${c.taken} already: choose
  another name.</p>
% endif
${h.secure_form(url('register'), class_='register')}
  <p><label for="name">Name</label>
    ${h.text('name', maxlength=200, autocomplete='username', required='required')}
    <span class="hint">Letters and digits, with dots, dashes, underscores
      or @ between them.</span></p>
  <p><label for="password">Password</label>
    ${h.password('password', autocomplete='new-password', required='required')}
    <span class="hint">At least ${MIN_PASSWORD_LENGTH} characters.</span></p>
  <p><label for="confirm">The password again</label>
    ${h.password('confirm', autocomplete='new-password', required='required')}</p>
  <p class="buttons">${h.submit('register', 'Register')}</p>
</form>
<%! from quickwiki.lib.accounts import MIN_PASSWORD_LENGTH %>
