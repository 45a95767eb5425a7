## The button that ends the session's login.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Log out')}</%def>
% if h.account() is None:
<p>${_('You are not logged in.')}</p>
% else:
${h.secure_form(url('logout'), class_='logout')}
  <p>${_('You are logged in as %(name)s.') % dict(name=h.account().name)}
    ${h.submit('logout', _('Log out'))}</p>
</form>
% endif
