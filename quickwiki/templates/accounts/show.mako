## One account, for an admin: its contributions, newest first, and the
## forms that revert them, block it and set its role.
<%inherit file="/base.mako"/>
<%def name="heading()">${c.account.name}</%def>
<%def name="footer()">${h.link_to('All accounts', url('accounts'))}</%def>
<p class="account-info">${c.account.name} has the role ${c.account.role}
  since ${h.moment(c.account.created)}\
% if c.account.blocked:
, and is <strong class="blocked">blocked</strong>\
% endif
.</p>
<h2>Contributions</h2>
% if c.contributions:
<table class="revisions contributions">
  <thead><tr><th>When</th><th>Page</th><th>Revision</th><th>Summary</th><th></th></tr></thead>
  <tbody>
  % for shown in c.contributions:
    <tr class="${'deletion' if shown.deleted else 'edit'}">
      <td>${h.moment(shown.created)}</td>
      <td>${h.link_to(shown.page, url('page', title=shown.page))}</td>
      <td class="number">${h.link_to(str(shown.number),
          url('revision', title=shown.page, number=shown.number))}</td>
      <td class="summary">\
% if shown.deleted:
<span class="deletion-marker">deleted the page</span> \
% endif
${shown.summary}</td>
      <td>\
% if shown.number > 1:
${h.link_to('changes', url('diff', title=shown.page, old=shown.number - 1,
                          new=shown.number), class_='changes-link')}\
% endif
</td>
    </tr>
  % endfor
  </tbody>
</table>
% if len(c.contributions) == app_globals.revisions_per_page:
<nav class="pager">${h.link_to('Older contributions',
    url('contributions', name=c.account.name,
        before=c.contributions[-1].created.isoformat()), class_='older-link')}</nav>
% endif
${h.secure_form(url('revert_account', name=c.account.name), class_='revert')}
  <p><label for="since">Revert every change ${c.account.name} made since
    (UTC)</label>
    <input type="datetime-local" id="since" name="since" step="1" required
           value="${c.contributions[-1].created.strftime('%Y-%m-%dT%H:%M:%S')}">
    ${h.submit('revert', 'Revert')}</p>
  <p class="hint">Each page it changed since then gets a new revision, as
    it was before; a page others changed since is left for you to look at.</p>
</form>
% else:
<p class="no-contributions">${c.account.name} has changed no page.</p>
% endif
% if not c.own:
<h2>Role and block</h2>
${h.secure_form(url('role_account', name=c.account.name), class_='role')}
  <p><label for="role">Role</label>
    ${h.select('role', c.account.role, ROLES)}
    ${h.submit('set_role', 'Set the role')}</p>
</form>
${h.secure_form(url('block_account', name=c.account.name), class_='block')}
  % if c.account.blocked:
  ${h.hidden('blocked', 'false')}
  <p>${h.submit('unblock', 'Unblock ' + c.account.name)}</p>
  % else:
  ${h.hidden('blocked', 'true')}
  <p>${h.submit('block', 'Block ' + c.account.name)}
    <span class="hint">It can no longer log in; its logins end now.</span></p>
  % endif
</form>
% endif
<%! from quickwiki.model import ROLES %>
