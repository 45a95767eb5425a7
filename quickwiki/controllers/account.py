"""One's own account: logging in and out, registering, changing one's
password.

Every form here carries the session's CSRF token, logging in and out
included (a login forged by another site would log the victim in to the
forger's account).  A failed login says the same whether the name has an
account or not, and takes as long (see :mod:`quickwiki.lib.accounts`).
"""

import logging

from pylons import app_globals, request, response, url
from pylons import tmpl_context as c
from pylons.controllers.util import abort, redirect
from pylons.decorators import validate
from pylons.decorators.rest import restrict
from pylons.decorators.secure import authenticate_form, require
from pylons.i18n import N_, _

from quickwiki.lib import accounts, auth, forms, limiting
from quickwiki.lib import helpers as h
from quickwiki.lib.base import BaseController, own_status, render

log = logging.getLogger(__name__)

#: What a failed login says, whatever failed: the name or the password.
LOGIN_FAILED = N_("That name and password do not match an account.")
#: What a login over its rate limit says, whether the account exists or not.
TOO_MANY_LOGINS = N_(
    "Too many attempts to log in, to this account or from your address. "
    "Wait a while before you try again."
)
#: Why one's account page is refused to whoever has not logged in (the
#: error document translates it).
LOGGED_OUT = N_("Your account's page is for you once you have logged in.")


class AccountController(BaseController):
    """The actions behind ``/login``, ``/logout``, ``/register`` and
    ``/account``."""

    def login_form(self):
        """The login form; ``?came_from=`` is where a login leads."""
        c.came_from = forms.LocalPath().to_python(request.GET.get("came_from"))
        return self._login_page()

    def _login_page(self, failed=None, status=403):
        """The login form, saying why the last attempt ``failed`` (answered
        with ``status``)."""
        if failed is not None:
            own_status(status)
        c.failed = failed
        return render("/account/login.mako")

    @restrict("POST")
    @authenticate_form
    @validate(schema=forms.LoginForm(), form="login_form")
    def login(self):
        """Log in to the account that the name and password open."""
        form = self.form_result
        c.came_from = form["came_from"]
        key = accounts.name_key(form["name"])
        try:
            # Before the password's (costly) check: guessing is bounded
            # per account, and per client across accounts.
            limiting.hit("login_account", key)
            limiting.hit("login_client", limiting.client())
        except limiting.TooManyRequests as refused:
            log.warning("Login as %r refused: %s", form["name"], refused.detail)
            response.headers["Retry-After"] = str(refused.wait)
            return self._login_page(_(TOO_MANY_LOGINS), status=429)
        found = accounts.authenticate(form["name"], form["password"])
        if found is None:
            log.info("Failed login as %r", form["name"])
            return self._login_page(_(LOGIN_FAILED))
        if found.blocked:
            return self._login_page(
                _("The account %(name)s is blocked: ask an admin of the wiki.")
                % {"name": found.name}
            )
        auth.log_in(found)
        # Its owner is back: the failed attempts of others lock it no longer.
        app_globals.limiter.clear("login_account", key)
        log.info("%s logged in", found.name)
        h.flash(_("Logged in as %(name)s.") % {"name": found.name})
        redirect(form["came_from"] or url("home"))

    def logout_form(self):
        """The button that logs out: a form, as every change is, whose
        token no other site can send."""
        return render("/account/logout.mako")

    @restrict("POST")
    @authenticate_form
    def logout(self):
        """End the session's login."""
        auth.log_out()
        h.flash(_("Logged out."))
        redirect(url("home"))

    def register_form(self):
        """The form that makes a new account."""
        _check_registration()
        c.taken = None
        return render("/account/register.mako")

    @restrict("POST")
    @authenticate_form
    @validate(schema=forms.RegisterForm(), form="register_form")
    def register(self):
        """Make the account the form describes, and log in to it."""
        _check_registration()
        form = self.form_result
        try:
            made = accounts.create(
                form["name"], form["password"], app_globals.default_role
            )
        except accounts.NameTaken:
            own_status(409)
            c.taken = form["name"]
            return render("/account/register.mako")
        log.info("Registered %s (%s)", made.name, made.role)
        auth.log_in(made)
        h.flash(
            _("Welcome, %(name)s: your account is made, and you are logged in.")
            % {"name": made.name}
        )
        redirect(url("home"))

    @require(auth.account, detail=LOGGED_OUT)
    def show(self):
        """One's account: name, role, and the form to change its password."""
        return self._account_page()

    def _account_page(self, wrong_password=False, new_token=None):
        """One's account page, saying whether a password was wrong, with an
        API token made just now shown, once."""
        c.account = auth.account()
        c.signed_on = auth.signed_on()
        c.wrong_password = wrong_password
        c.api_tokens = accounts.api_tokens_of(c.account) if c.account else []
        c.new_token = new_token
        if wrong_password:
            own_status(403)
        return render("/account/show.mako")

    @restrict("POST")
    @require(auth.account, detail=LOGGED_OUT)
    @authenticate_form
    @validate(schema=forms.PasswordForm(), form="show")
    def password(self):
        """Change one's password, given the current one; other logins end."""
        own = auth.account()
        form = self.form_result
        if accounts.authenticate(own.name, form["current"]) is None:
            return self._account_page(wrong_password=True)
        accounts.set_password(own, form["password"])
        auth.log_in(accounts.find(own.name))
        log.info("%s changed their password", own.name)
        h.flash(_("Your password is changed. Your other logins have ended."))
        redirect(url("account"))

    @restrict("POST")
    @require(auth.account, detail=LOGGED_OUT)
    @authenticate_form
    @validate(schema=forms.TokenForm(), form="show")
    def create_token(self):
        """Make an API token for one's account, and show it, this once."""
        own = auth.account()
        token = accounts.create_api_token(own, self.form_result["label"])
        log.info("%s made an API token", own.name)
        return self._account_page(new_token=token)

    @restrict("POST")
    @require(auth.account, detail=LOGGED_OUT)
    @authenticate_form
    @validate(schema=forms.RevokeTokenForm(), form="show")
    def revoke_token(self):
        """End one of one's API tokens."""
        if accounts.revoke_api_token(auth.account(), self.form_result["digest"]):
            h.flash(_("The API token is revoked: programs using it are refused."))
        redirect(url("account"))


def _check_registration():
    """404 when the config turns registration off."""
    if not app_globals.registration:
        abort(
            404,
            detail=_(
                "This wiki makes no accounts here: ask one of its admins for "
                "an account."
            ),
        )
