## The error document, shown by StatusCodeRedirect for an error status.
## A refusal of who may do what offers to log in. A save refused for its
## form token, or its author's role, gets its form back, with a new token.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Error %(code)d: %(reason)s') % dict(code=c.code, reason=c.reason)}</%def>
<div class="error-document">
  <p class="explanation">${c.explanation}</p>
  ## A detail of several lines (one for each wrong field) is a list.
  % if len(c.detail.splitlines()) > 1:
  <ul class="detail">
    % for line in c.detail.splitlines():
    <li>${line}</li>
    % endfor
  </ul>
  % elif c.detail:
  <p class="detail">${c.detail}</p>
  % endif
  % if c.refused:
  <% own = h.account() %>
  % if own is None:
  <% log_in = h.link_to(_('Log in'), h.login_url(), class_='login-link') %>
  % if h.registration():
  <% register = h.link_to(_('register'), url('register'), class_='register-link') %>
  <p class="way-in">${h.translated('%(log_in)s with an account that has the role, or %(register)s.',
      log_in=log_in, register=register)}</p>
  % else:
  <p class="way-in">${h.translated('%(log_in)s with an account that has the role.',
      log_in=log_in)}</p>
  % endif
  % else:
  <% log_in = h.link_to(_('log in'), h.login_url(), class_='login-link') %>
  <p class="way-in">${h.translated('You are logged in as %(name)s, whose role is %(role)s: %(log_in)s to another account, or ask an admin.',
      name=own.name, role=h.role_name(own.role), log_in=log_in)}</p>
  % endif
  % endif
</div>
% if c.refused_save:
% if c.refused:
<p class="resubmit">${_('Your text is below, kept for you: log in, in another window so as to keep this one, with an account that may save it, then save it again from here.')}</p>
% else:
<p class="resubmit">${_('Your text is below. Check that it is what you wrote, then save it again.')}</p>
% endif
${h.secure_form(c.refused_save['action'], class_='edit-page')}
  % for name, value in c.refused_save['hidden']:
  ${h.hidden(name, value, id=None)}
  % endfor
  <textarea id="content" name="content" rows="20" cols="80">
${c.refused_save['content']}</textarea>
  <input type="submit" value="${_('Save again')}">
</form>
% endif
