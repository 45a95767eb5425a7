"""The admins' pages of everyone's accounts: the list, each account's
contributions, reverting them, blocking the account and setting its role.

An admin cannot block their own account or change its role, so that a
slip never leaves a wiki without an admin (``paster account`` can).
"""

import logging

from sqlalchemy import select

from pylons import app_globals, request, url
from pylons import tmpl_context as c
from pylons.controllers.util import abort, redirect
from pylons.decorators import validate
from pylons.decorators.rest import restrict
from pylons.decorators.secure import authenticate_form, require
from pylons.i18n import _

from quickwiki.lib import accounts, auth, contributions, forms
from quickwiki.lib import helpers as h
from quickwiki.lib.base import BaseController, render
from quickwiki.lib.permissions import may_manage_accounts
from quickwiki.model import Account, meta

log = logging.getLogger(__name__)

#: How many accounts the list shows at a time.
ACCOUNTS_PER_PAGE = 50


class AccountsController(BaseController):
    """The actions behind ``/accounts`` and ``/accounts/{name}``."""

    @require(may_manage_accounts)
    def __before__(self):
        """Every action here is an admin's."""
        super().__before__()

    def index(self):
        """The accounts in order of their names, a page at a time
        (``?after=`` the last name of the page before)."""
        after = request.GET.get("after")
        query = select(Account).order_by(Account.key).limit(ACCOUNTS_PER_PAGE + 1)
        if after:
            query = query.where(Account.key > accounts.name_key(after))
        c.accounts = list(meta.Session.scalars(query))
        c.more = len(c.accounts) > ACCOUNTS_PER_PAGE
        del c.accounts[ACCOUNTS_PER_PAGE:]
        return render("/accounts/index.mako")

    @validate(schema=forms.ContributionsQuery(), post_only=False, on_get=True)
    def show(self, name):
        """Account ``name``: its contributions, newest first, a page at a
        time (``?before=``: those made before that moment), and the forms
        that revert them, block the account and set its role."""
        if self.form_errors:
            abort(400, detail=" ".join(sorted(self.form_errors.values())))
        c.account = _account_or_404(name)
        c.contributions = contributions.contributions(
            c.account.id, self.form_result["before"], app_globals.revisions_per_page
        )
        c.own = c.account.id == auth.account().id
        return render("/accounts/show.mako")

    @restrict("POST")
    @authenticate_form
    @validate(schema=forms.RevertForm(), form="show")
    def revert(self, name):
        """Revert every change account ``name`` made since the moment
        ``since``: each page gets a new revision."""
        reverted = _account_or_404(name)
        since = self.form_result["since"]
        done = contributions.revert_since(
            reverted.id,
            since,
            auth.author(),
            "Reverted the changes of %s since %s" % (reverted.name, h.moment(since)),
        )
        log.info(
            "Reverted the changes of %s since %s: %d pages, %d left",
            reverted.name,
            since.isoformat(),
            len(done.reverted),
            len(done.left),
        )
        if done.reverted:
            h.flash(
                _("Reverted the changes of %(name)s since %(when)s on %(pages)s.")
                % {
                    "name": reverted.name,
                    "when": h.moment(since),
                    "pages": ", ".join(done.reverted),
                }
            )
        if done.left:
            h.flash(
                _(
                    "Left %(pages)s as they are: others have changed them since. "
                    "Their histories show what to restore."
                )
                % {"pages": ", ".join(done.left)},
                category="warning",
            )
        if not done.reverted and not done.left:
            h.flash(
                _("%(name)s has changed no page since %(when)s.")
                % {"name": reverted.name, "when": h.moment(since)},
                category="warning",
            )
        redirect(url("contributions", name=reverted.name))

    @restrict("POST")
    @authenticate_form
    @validate(schema=forms.BlockForm(), form="show")
    def block(self, name):
        """Block account ``name`` (``blocked`` true), ending its logins, or
        unblock it."""
        target = _others_account(
            name,
            _(
                "You cannot block your own account: another admin can, or "
                "paster account on the server."
            ),
        )
        blocked = self.form_result["blocked"]
        accounts.set_blocked(target, blocked)
        log.info("%s %s", "Blocked" if blocked else "Unblocked", target.name)
        h.flash(
            (
                _("Blocked %(name)s: its logins have ended, and it cannot log in.")
                if blocked
                else _("Unblocked %(name)s: it can log in again.")
            )
            % {"name": target.name}
        )
        redirect(url("contributions", name=target.name))

    @restrict("POST")
    @authenticate_form
    @validate(schema=forms.RoleForm(), form="show")
    def role(self, name):
        """Give account ``name`` the role ``role``."""
        target = _others_account(
            name,
            _(
                "You cannot change the role of your own account: another admin "
                "can, or paster account on the server."
            ),
        )
        role = self.form_result["role"]
        accounts.set_role(target, role)
        log.info("Gave %s the role %s", target.name, role)
        h.flash(
            _("%(name)s now has the role %(role)s.")
            % {"name": target.name, "role": h.role_name(role)}
        )
        redirect(url("contributions", name=target.name))


def _account_or_404(name):
    found = accounts.find(name)
    if found is None:
        abort(404, detail=_("There is no account called %(name)s.") % {"name": name})
    return found


def _others_account(name, refusal):
    """Account ``name``, which must not be the admin's own: if it is, 403
    with ``refusal``."""
    found = _account_or_404(name)
    if found.id == auth.account().id:
        abort(403, detail=refusal)
    return found
