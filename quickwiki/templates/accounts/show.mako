## One account, for an admin: its contributions, newest first, and the
## forms that revert them, block it and set its role.
<%inherit file="/base.mako"/>
<%def name="heading()">${c.account.name}</%def>
<%def name="actions()">${h.link_to(_('All accounts'), url('accounts'))}</%def>
% if c.account.blocked:
<% blocked = h.literal('<strong class="blocked">%s</strong>') % _('blocked') %>
<p class="account-info">${h.translated('%(name)s has the role %(role)s since %(when)s, and is %(blocked)s.',
    name=c.account.name, role=h.role_name(c.account.role), when=h.moment(c.account.created),
    blocked=blocked)}</p>
% else:
<p class="account-info">${_('%(name)s has the role %(role)s since %(when)s.') % dict(
    name=c.account.name, role=h.role_name(c.account.role), when=h.moment(c.account.created))}</p>
% endif
<h2>${_('Contributions')}</h2>
% if c.contributions:
<div class="table-scroll"><table class="revisions contributions">
  <thead><tr><th>${_('When')}</th><th>${_('Page')}</th><th>${_('Revision')}</th><th>${_('Summary')}</th><th><span class="visually-hidden">${_('Changes')}</span></th></tr></thead>
  <tbody>
  % for shown in c.contributions:
    <tr class="${'deletion' if shown.deleted else 'edit'}">
      <td>${h.moment(shown.created)}</td>
      <td>${h.link_to(shown.page, url('page', title=shown.page))}</td>
      <td class="number">${h.link_to(str(shown.number),
          url('revision', title=shown.page, number=shown.number))}</td>
      <td class="summary">\
% if shown.deleted:
<span class="deletion-marker">${_('deleted the page')}</span> \
% endif
${shown.summary}</td>
      <td>\
% if shown.number > 1:
${h.link_to(_('changes'), url('diff', title=shown.page, old=shown.number - 1,
                          new=shown.number), class_='changes-link')}\
% endif
</td>
    </tr>
  % endfor
  </tbody>
</table></div>
% if len(c.contributions) == app_globals.revisions_per_page:
<nav class="pager">${h.link_to(_('Older contributions'),
    url('contributions', name=c.account.name,
        before=c.contributions[-1].created.isoformat()), class_='older-link')}</nav>
% endif
${h.secure_form(url('revert_account', name=c.account.name), class_='revert')}
  <p><label for="since">${_('Revert every change %(name)s made since (UTC)') % dict(name=c.account.name)}</label>
    <input type="datetime-local" id="since" name="since" step="1" required
           value="${c.contributions[-1].created.strftime('%Y-%m-%dT%H:%M:%S')}">
    ${h.submit('revert', _('Revert'))}</p>
  <p class="hint">${_('Each page it changed since then gets a new revision, as it was before; a page others changed since is left for you to look at.')}</p>
</form>
% else:
<p class="no-contributions">${_('%(name)s has changed no page.') % dict(name=c.account.name)}</p>
% endif
% if not c.own:
<h2>${_('Role and block')}</h2>
${h.secure_form(url('role_account', name=c.account.name), class_='role')}
  <p><label for="role">${_('Role')}</label>
    ${h.select('role', c.account.role, h.role_options())}
    ${h.submit('set_role', _('Set the role'))}</p>
</form>
${h.secure_form(url('block_account', name=c.account.name), class_='block')}
  % if c.account.blocked:
  ${h.hidden('blocked', 'false')}
  <p>${h.submit('unblock', _('Unblock %(name)s') % dict(name=c.account.name))}</p>
  % else:
  ${h.hidden('blocked', 'true')}
  <p>${h.submit('block', _('Block %(name)s') % dict(name=c.account.name))}
    <span class="hint">${_('It can no longer log in; its logins end now.')}</span></p>
  % endif
</form>
% endif
