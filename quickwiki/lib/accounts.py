"""Accounts: their names, passwords and roles, and their logins.

Passwords are hashed with Argon2id (argon2-cffi), with the parameters the
library recommends, or the profile the config names
(``quickwiki.password_hash_profile``); a password stored with other
parameters is hashed again with these when its owner logs in.  Logging in
with a name that has no account costs the same hashing as with one, and
fails alike, so that neither the answer nor its time tells whether an
account exists.

A login is a row of ``logins``, found by the digest of a random token
that the session keeps: logging out, blocking the account or changing
its password deletes rows, which ends those logins wherever a copy of the
session's cookie is.  Logins end by themselves after
``quickwiki.login_days``.
"""

import hashlib
import re
import secrets
import unicodedata
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, false, select
from sqlalchemy.exc import IntegrityError

from quickwiki.model import MAX_ACCOUNT_NAME_LENGTH, ROLES, Account, ApiToken, Login
from quickwiki.model.meta import Session, transaction

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "Identity",
    "InvalidName",
    "NameTaken",
    "account_of_api_token",
    "account_of_login",
    "api_tokens_of",
    "create_api_token",
    "authenticate",
    "configure",
    "create",
    "end_login",
    "find",
    "name_key",
    "normalized_name",
    "revoke_api_token",
    "set_blocked",
    "set_password",
    "set_role",
    "start_login",
]

#: The shortest password an account may have.
MIN_PASSWORD_LENGTH = 8
#: The longest: hashing is bounded by what it is given.
MAX_PASSWORD_LENGTH = 1024
#: The author of revisions made without an account, which no account may
#: be called.
RESERVED_NAMES = frozenset(["anonymous"])

#: An account name: letters and digits, with dots, dashes, underscores and
#: at signs between them (e-mail addresses, as single sign-on names them).
_NAME = re.compile(r"\w(?:[\w.@-]*\w)?")

#: The hasher of new passwords, set by :func:`configure`.
_hasher = PasswordHasher()
#: A hash made with the hasher's parameters, checked against when a name
#: has no account (or no password), so that it costs what a real one does.
_stand_in_hash = None
#: How long a login lasts.
_login_lifetime = timedelta(days=14)


class Identity(NamedTuple):
    """Who a request comes from: what it needs of an account, read once.

    Unlike an :class:`~quickwiki.model.Account` row, it outlives the
    database session, which a failed write rolls back before the error
    page shows who is logged in.
    """

    id: int
    name: str
    role: str
    created: datetime
    has_password: bool

    @classmethod
    def of(cls, account):
        """The identity of ``account``, a row of ``accounts``."""
        return cls(
            account.id,
            account.name,
            account.role,
            account.created,
            account.password is not None,
        )


class InvalidName(ValueError):
    """A name that no account may have; the message says why."""


class NameTaken(ValueError):
    """An account of that name exists already."""


def configure(profile=None, login_days=14):
    """Hash passwords with Argon2 ``profile`` (a name of
    :mod:`argon2.profiles`; None: argon2-cffi's recommended parameters),
    and end logins after ``login_days``.

    Called when the application loads, from its config.
    """
    global _hasher, _stand_in_hash, _login_lifetime
    if profile:
        try:
            parameters = getattr(profiles, profile)
        except AttributeError:
            raise ValueError(
                "quickwiki.password_hash_profile names no profile of "
                "argon2.profiles: %s" % profile
            ) from None
        _hasher = PasswordHasher.from_parameters(parameters)
    else:
        _hasher = PasswordHasher()
    _stand_in_hash = None
    _login_lifetime = timedelta(days=login_days)


def normalized_name(name):
    """``name`` as an account keeps it: NFKC-normalised, without spaces
    around it.  Raises :class:`InvalidName` for one no account may have.
    """
    name = unicodedata.normalize("NFKC", name).strip()
    if not name:
        raise InvalidName("An account needs a name.")
    if len(name_key(name)) > MAX_ACCOUNT_NAME_LENGTH:
        raise InvalidName(
            "An account name has at most %d characters." % MAX_ACCOUNT_NAME_LENGTH
        )
    if not _NAME.fullmatch(name):
        raise InvalidName(
            "An account name is made of letters and digits, with dots, "
            "dashes, underscores or @ between them."
        )
    if name_key(name) in RESERVED_NAMES:
        raise InvalidName("%s is not a name an account may have." % name)
    return name


def name_key(name):
    """What finds the account of ``name``: its case-folded form, so that
    names differing only in case are one account's."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def find(name):
    """The account called ``name`` (in any case), or None."""
    return Session.scalars(
        select(Account).where(Account.key == name_key(name))
    ).one_or_none()


def create(name, password=None, role="editor"):
    """A new account called ``name``, with ``password`` (None: none) and
    ``role``, committed.  Raises :class:`InvalidName` or :class:`NameTaken`.
    """
    name = normalized_name(name)
    _check_role(role)
    account = Account(
        name=name,
        key=name_key(name),
        password=None if password is None else _hash(password),
        role=role,
        blocked=False,
        created=datetime.now(timezone.utc),
    )
    try:
        with transaction() as session:
            session.add(account)
    except IntegrityError:
        raise NameTaken(name) from None
    return account


def authenticate(name, password):
    """The account that ``name`` and ``password`` log in to, or None.

    A blocked account is returned too (its owner knows its password):
    the caller says it is blocked.  Whether the name has an account or
    not, the password is checked against an Argon2 hash, so that the time
    taken does not tell.  A hash of other parameters than the configured
    ones is replaced by a new one.
    """
    account = find(name)
    stored = account.password if account is not None else None
    if stored is None:
        _verify(_stand_in(), password)
        return None
    if not _verify(stored, password):
        return None
    if _hasher.check_needs_rehash(stored):
        with transaction() as session:
            session.get(Account, account.id).password = _hash(password)
    return account


def set_password(account, password):
    """Give ``account`` a new password (None: none), and end its logins."""
    with transaction() as session:
        session.get(Account, account.id).password = (
            None if password is None else _hash(password)
        )
        _end_logins_of(session, account)


def set_role(account, role):
    """Give ``account`` ``role``, one of :data:`quickwiki.model.ROLES`."""
    _check_role(role)
    with transaction() as session:
        session.get(Account, account.id).role = role


def set_blocked(account, blocked):
    """Block ``account`` (ending its logins), or unblock it."""
    with transaction() as session:
        session.get(Account, account.id).blocked = blocked
        if blocked:
            _end_logins_of(session, account)


def start_login(account):
    """Log in to ``account``: the token that the session is to keep.

    Logins that have outlived their time are removed on the way.
    """
    token = secrets.token_urlsafe(32)
    now = datetime.now(timezone.utc)
    with transaction() as session:
        session.execute(delete(Login).where(Login.created < now - _login_lifetime))
        session.add(Login(token=_digest(token), account=account.id, created=now))
    return token


def end_login(token):
    """End the login of ``token`` (nothing, if it has ended already)."""
    with transaction() as session:
        session.execute(delete(Login).where(Login.token == _digest(token)))


def account_of_login(token):
    """The :class:`Identity` of the account that the login of ``token`` is
    to, if it has not ended and the account is not blocked; else None.
    """
    oldest = datetime.now(timezone.utc) - _login_lifetime
    found = Session.scalars(
        select(Account)
        .join(Login, Login.account == Account.id)
        .where(
            Login.token == _digest(token),
            Login.created >= oldest,
            Account.blocked == false(),
        )
    ).one_or_none()
    return None if found is None else Identity.of(found)


def create_api_token(account, label):
    """Make an API token for ``account``, for what ``label`` says: the
    token, which only its digest is kept of."""
    token = secrets.token_urlsafe(32)
    with transaction() as session:
        session.add(
            ApiToken(
                digest=_digest(token),
                account=account.id,
                label=label,
                created=datetime.now(timezone.utc),
            )
        )
    return token


def api_tokens_of(account):
    """The API tokens of ``account`` (their digests and labels), oldest
    first."""
    return list(
        Session.scalars(
            select(ApiToken)
            .where(ApiToken.account == account.id)
            .order_by(ApiToken.created)
        )
    )


def revoke_api_token(account, digest):
    """End ``account``'s API token of ``digest``: whether it had one."""
    with transaction() as session:
        return bool(
            session.execute(
                delete(ApiToken).where(
                    ApiToken.account == account.id, ApiToken.digest == digest
                )
            ).rowcount
        )


def account_of_api_token(token):
    """The :class:`Identity` of the account of API token ``token``, unless
    it is blocked; else None."""
    found = Session.scalars(
        select(Account)
        .join(ApiToken, ApiToken.account == Account.id)
        .where(ApiToken.digest == _digest(token), Account.blocked == false())
    ).one_or_none()
    return None if found is None else Identity.of(found)


def _end_logins_of(session, account):
    session.execute(delete(Login).where(Login.account == account.id))


def _digest(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_role(role):
    if role not in ROLES:
        raise ValueError("A role is one of %s, not %s." % (", ".join(ROLES), role))


def _hash(password):
    return _hasher.hash(password)


def _verify(stored, password):
    """Whether ``password`` is the one ``stored`` is the hash of."""
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _stand_in():
    global _stand_in_hash
    if _stand_in_hash is None:
        _stand_in_hash = _hash(secrets.token_urlsafe(16))
    return _stand_in_hash
