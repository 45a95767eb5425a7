"""What each request may do: the policy, the roles, and the checks of the
actions.

An account's role is reader, editor or admin, each allowed what the one
before it is, and more.  The config's policy (``quickwiki.policy``) says
what someone who has not logged in may do, as if they had a role:

- ``open``: anyone reads and edits, as an editor does;
- ``registered``: anyone reads; accounts edit, as their role allows;
- ``closed``: only accounts read (readers) and edit (editors).

Whatever the policy, only admins delete pages, bring deleted ones back by
restoring a revision, rename and protect pages, and manage accounts; a
protected page is edited by admins only.  The checks below are given to
``@require``: each allows the request, or refuses it with a
:class:`~pylons.decorators.secure.Refused` that says what role is needed.
Templates ask :func:`allowed` what to offer.
"""

from sqlalchemy import bindparam, select

from pylons import app_globals, request
from pylons.decorators.secure import Refused
from pylons.i18n import N_, ugettext

from quickwiki.lib import auth
from quickwiki.model import ROLES, Page, meta

__all__ = [
    "POLICIES",
    "allowed",
    "is_protected",
    "knows_protection",
    "may_delete",
    "may_edit",
    "may_manage_accounts",
    "may_protect",
    "may_read",
    "may_rename",
    "may_restore",
    "refusal",
    "role",
]

#: The policies, and the role of someone who has not logged in under each.
POLICIES = {"open": "editor", "registered": "reader", "closed": None}

#: Where a request keeps what it knows of its pages' protection.
_PROTECTION_KEY = "quickwiki.protected"
#: Where a request keeps its role, with the account it is the role of.
_ROLE_KEY = "quickwiki.role"

#: What each action needs, said to whoever may not do it (translated when
#: said), and the role it needs when the page is not protected.
_ACTIONS = {
    "read": (N_("Reading this wiki needs the %(role)s role."), "reader"),
    "edit": (N_("Editing %(title)s needs the %(role)s role."), "editor"),
    "delete": (N_("Deleting pages needs the %(role)s role."), "admin"),
    "restore_deleted": (
        N_("Bringing back the deleted page %(title)s needs the %(role)s role."),
        "admin",
    ),
    "rename": (N_("Renaming pages needs the %(role)s role."), "admin"),
    "protect": (N_("Protecting pages needs the %(role)s role."), "admin"),
    "manage_accounts": (N_("Managing accounts needs the %(role)s role."), "admin"),
}
#: What editing a protected page is called, to whoever may not.
_PROTECTED_EDIT = N_("Editing the protected page %(title)s needs the %(role)s role.")
#: 0 for no role, then 1 for a reader, up to the admin's.
_RANKS = {None: 0, **{name: rank for rank, name in enumerate(ROLES, 1)}}
#: The roles' names, as the pages show them (quickwiki.model.ROLES).
_ROLE_NAMES = {"reader": N_("reader"), "editor": N_("editor"), "admin": N_("admin")}


def role():
    """The role the request acts with: its account's, or what the policy
    gives everyone, whichever allows more; None for no role at all."""
    environ = request.environ
    account = auth.account(environ)
    # Worked out once for the request's account (a page asks five times or
    # more); a login or logout in the request gives it another.
    known = environ.get(_ROLE_KEY)
    if known is None or known[0] is not account:
        given = [POLICIES[app_globals.policy], account.role if account else None]
        known = environ[_ROLE_KEY] = (account, max(given, key=_RANKS.__getitem__))
    return known[1]


def refusal(action, title=None):
    """Why the request may not do ``action`` (to page ``title``), or None
    when it may."""
    doing, needed = _needs(action, title)
    if _RANKS[role()] >= _RANKS[needed]:
        return None
    return ugettext(doing) % {"title": title, "role": role_name(needed)}


def role_name(name):
    """The name of the role ``name`` in the page's language."""
    return ugettext(_ROLE_NAMES.get(name, name))


def allowed(action, title=None):
    """Whether the request may do ``action`` (to page ``title``)."""
    # Without the refusal's sentence, which a page asks for nothing.
    return _RANKS[role()] >= _RANKS[_needs(action, title)[1]]


def _needs(action, title):
    """What doing ``action`` to page ``title`` is called, and the role it
    needs."""
    if action == "edit" and is_protected(title):
        return _PROTECTED_EDIT, "admin"
    return _ACTIONS[action]


def may_read():
    """``@require`` check: reading any page."""
    return _check("read")


def may_edit(title):
    """``@require`` check: writing page ``title`` (new, or anew)."""
    return _check("edit", title)


def may_restore(title):
    """``@require`` check: restoring a revision of page ``title``, an edit
    unless the page is deleted; then bringing it back is for admins."""
    page = meta.Session.get(Page, title)
    if page is not None and page.deleted:
        return _check("restore_deleted", title)
    return _check("edit", title)


def may_delete():
    """``@require`` check: deleting pages."""
    return _check("delete")


def may_rename():
    """``@require`` check: renaming pages."""
    return _check("rename")


def may_protect():
    """``@require`` check: protecting pages, or ending their protection."""
    return _check("protect")


def may_manage_accounts():
    """``@require`` check: seeing to accounts: roles, blocks, reverts."""
    return _check("manage_accounts")


def _check(action, title=None):
    why = refusal(action, title)
    if why is not None:
        raise Refused(detail=why)
    return True


def is_protected(title):
    """Whether page ``title`` is protected (read once a request)."""
    known = request.environ.setdefault(_PROTECTION_KEY, {})
    if title not in known:
        # One value, not the page as an ORM object, read without beginning
        # the session's transaction (an edit form's first read).
        found = meta.read_one(_PROTECTED, {"title": title})
        known[title] = found is not None and bool(found.protected)
    return known[title]


#: Whether a page is protected (None for no page), built once.
_PROTECTED = select(Page.protected).where(Page.title == bindparam("title"))


def knows_protection(title, protected):
    """Say that page ``title`` is ``protected`` or not, as read along with
    it, so that :func:`is_protected` need not read it again."""
    request.environ.setdefault(_PROTECTION_KEY, {})[title] = protected
