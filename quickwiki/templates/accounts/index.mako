## The admins' list of accounts, a page at a time.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Accounts')}</%def>
<div class="table-scroll"><table class="accounts">
  <thead><tr><th>${_('Name')}</th><th>${_('Role')}</th><th>${_('Since')}</th><th>${_('Blocked')}</th></tr></thead>
  <tbody>
  % for shown in c.accounts:
    <tr>
      <td>${h.link_to(shown.name, url('contributions', name=shown.name))}</td>
      <td class="role">${h.role_name(shown.role)}</td>
      <td>${h.moment(shown.created)}</td>
      <td>${_('blocked') if shown.blocked else ''}</td>
    </tr>
  % endfor
  </tbody>
</table></div>
% if c.more:
<nav class="pager">${h.link_to(_('Next'), url('accounts', after=c.accounts[-1].name), rel='next')}</nav>
% endif
