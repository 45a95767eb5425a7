## The button that ends the session's login.
<%inherit file="/base.mako"/>
<%def name="heading()">Log out</%def>
% if h.account() is None:
<p>You are not logged in.</p>
% else:
${h.secure_form(url('logout'), class_='logout')}
  <p>You are logged in as ${h.account().name}.
    ${h.submit('logout', 'Log out')}</p>
</form>
% endif
