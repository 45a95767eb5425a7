"""QuickWiki's URLs, and the controller action each one runs.

Routes tries them in order, so the catch-all ``/{title}`` comes last.  No
WikiWord can be ``pages``, ``api``, ``error``, ``login`` or any other
lowercase word, so it never hides a fixed address.
"""

from routes import Mapper

# A revision number in a URL: a positive integer that fits the database's.
_NUMBER = r"[1-9][0-9]{0,8}"
# Forms shown by GET and sent by POST to the same address.
_GET = {"method": ["GET", "HEAD"]}
_POST = {"method": ["POST"]}


def make_map(config):
    """The Routes mapper of the application configured by ``config``."""
    mapper = Mapper(
        directory=config["pylons.paths"]["controllers"], always_scan=config["debug"]
    )
    mapper.minimization = False
    mapper.explicit = False
    mapper.connect("/error/document", controller="error", action="document")
    mapper.connect("home", "/", controller="pages", action="show", title="FrontPage")
    mapper.connect("pages", "/pages", controller="pages", action="index")
    mapper.connect("new_page", "/pages/new", controller="pages", action="new")
    mapper.connect("search", "/pages/search", controller="search", action="index")
    mapper.connect(
        "changes_feed", "/pages/changes.atom", controller="changes", action="feed"
    )
    mapper.connect("changes", "/pages/changes", controller="changes", action="index")
    mapper.connect("wanted", "/pages/wanted", controller="links", action="wanted")
    mapper.connect(
        "backlinks", "/pages/backlinks/{title}", controller="links", action="backlinks"
    )
    mapper.connect(
        "show_page", "/pages/show/{title}", controller="pages", action="show"
    )
    mapper.connect(
        "edit_page", "/pages/edit/{title}", controller="pages", action="edit"
    )
    mapper.connect(
        "save_page", "/pages/save/{title}", controller="pages", action="save"
    )
    # Before the history, whose title would take the ".atom" in.
    mapper.connect(
        "history_feed",
        "/pages/history/{title}.atom",
        controller="changes",
        action="history_feed",
    )
    mapper.connect(
        "history", "/pages/history/{title}", controller="pages", action="history"
    )
    mapper.connect(
        "revision",
        "/pages/revision/{title}/{number}",
        controller="pages",
        action="revision",
        requirements={"number": _NUMBER},
    )
    mapper.connect(
        "restore",
        "/pages/restore/{title}/{number}",
        controller="pages",
        action="restore",
        requirements={"number": _NUMBER},
    )
    mapper.connect("diff", "/pages/diff/{title}", controller="pages", action="diff")
    mapper.connect("files", "/pages/files/{title}", controller="files", action="index")
    mapper.connect(
        "upload", "/pages/upload/{title}", controller="files", action="upload"
    )
    mapper.connect(
        "file", "/pages/file/{title}/{name}", controller="files", action="show"
    )
    mapper.connect(
        "file_revision",
        "/pages/file/{title}/{name}/{number}",
        controller="files",
        action="show",
        requirements={"number": _NUMBER},
    )
    mapper.connect(
        "file_history",
        "/pages/file-history/{title}/{name}",
        controller="files",
        action="history",
    )
    mapper.connect(
        "delete_file",
        "/pages/delete-file/{title}/{name}",
        controller="files",
        action="delete",
    )
    mapper.connect(
        "delete_pages", "/pages/delete", controller="pages", action="confirm_delete"
    )
    mapper.connect(
        "delete_confirmed",
        "/pages/delete/confirmed",
        controller="pages",
        action="delete",
    )
    mapper.connect(
        "protect", "/pages/protect/{title}", controller="pages", action="protect"
    )
    _connect_accounts(mapper)
    mapper.connect(
        "rename",
        "/pages/rename/{title}",
        controller="renames",
        action="rename_form",
        conditions=_GET,
    )
    mapper.connect(
        "/pages/rename/{title}",
        controller="renames",
        action="rename",
        conditions=_POST,
    )
    mapper.connect(
        "relink",
        "/pages/relink/{title}",
        controller="renames",
        action="relink_form",
        conditions=_GET,
    )
    mapper.connect(
        "/pages/relink/{title}",
        controller="renames",
        action="relink",
        conditions=_POST,
    )
    # The JSON API: pages as a REST resource, as paster restcontroller
    # lays one out, and the lists of the whole wiki.
    mapper.resource(
        "page",
        "pages",
        controller="api",
        path_prefix="/api/v1",
        name_prefix="api_",
        member={"history": "GET", "backlinks": "GET"},
    )
    mapper.connect("api_changes", "/api/v1/changes", controller="api", action="changes")
    mapper.connect("api_search", "/api/v1/search", controller="api", action="search")
    mapper.connect(
        "api_openapi", "/api/v1/openapi.json", controller="api", action="openapi"
    )
    mapper.connect("/api/{rest:.*}", controller="api", action="not_found")
    mapper.connect("page", "/{title}", controller="pages", action="show")
    return mapper


def _connect_accounts(mapper):
    """Logging in and out, registering, one's own account, and the admins'
    pages of everyone's."""
    for name, action in (
        ("login", "login"),
        ("logout", "logout"),
        ("register", "register"),
    ):
        mapper.connect(
            name,
            "/" + name,
            controller="account",
            action=action + "_form",
            conditions=_GET,
        )
        mapper.connect(
            "/" + name, controller="account", action=action, conditions=_POST
        )
    mapper.connect("account", "/account", controller="account", action="show")
    mapper.connect(
        "password", "/account/password", controller="account", action="password"
    )
    mapper.connect(
        "api_tokens", "/account/tokens", controller="account", action="create_token"
    )
    mapper.connect(
        "revoke_api_token",
        "/account/tokens/revoke",
        controller="account",
        action="revoke_token",
    )
    mapper.connect("accounts", "/accounts", controller="accounts", action="index")
    mapper.connect(
        "contributions", "/accounts/{name}", controller="accounts", action="show"
    )
    for action in ("revert", "block", "role"):
        mapper.connect(
            action + "_account",
            "/accounts/{name}/" + action,
            controller="accounts",
            action=action,
        )
