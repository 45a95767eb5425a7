"""What becomes of a Pylons project's requirements on Python 3.

:data:`REPLACED` are the distributions the upgrade swaps itself (their
successors come with this Pylons or are written into ``setup.py``);
:data:`PYTHON2_ONLY` are those it cannot swap, with their Python 3
successors, for the report; :data:`PINS` are versions of maintained
distributions that the code of a Pylons 1.0 project needs, kept in the
constraints file and in ``setup.py``.
"""

from __future__ import annotations

__all__ = ["PINS", "PYTHON2_ONLY", "REPLACED"]

#: Requirements the upgrade rewrites: None drops one (Pylons brings the
#: successor), a string is the requirement that replaces it.
REPLACED: dict[str, str | None] = {
    "pylons": "Pylons>=1.1.0.dev0",
    "webhelpers": "WebHelpers2>=2.0",
    "weberror": None,  # backlash, a dependency of Pylons
    "nose": None,  # nose2, a dependency of Pylons
    "pastescript": "PasteScript>=3.6.0",
    "ez_setup": None,
}

#: Distributions with no Python 3 release: (successor, what to do).
PYTHON2_ONLY: dict[str, tuple[str, str]] = {
    "authkit": (
        "repoze.who",
        "AuthKit's middleware and decorators have no port: authenticate "
        "with repoze.who (or the application's own login) and check "
        "permissions in __before__",
    ),
    "formbuild": (
        "WebHelpers2 tags and formencode.htmlfill",
        "build the forms with webhelpers2.html.tags and fill them with htmlfill",
    ),
    "jinja": (
        "Jinja2",
        "Jinja 1's templates mostly run on Jinja2; render them with render_jinja2",
    ),
    "toscawidgets": (
        "tw2.core and tw2.forms",
        "ToscaWidgets 0.9 widgets must be rewritten for tw2",
    ),
    "elixir": (
        "SQLAlchemy's declarative mapping",
        "map the entities with DeclarativeBase",
    ),
    "pil": ("Pillow", "the same PIL package: require Pillow instead"),
    "mysql-python": (
        "mysqlclient",
        "the same MySQLdb module: require mysqlclient instead",
    ),
    "pycrypto": (
        "pycryptodome",
        "the same Crypto package: require pycryptodome instead",
    ),
    "beautifulsoup": ("beautifulsoup4", "import bs4 instead of BeautifulSoup"),
    "python-openid": (
        "python3-openid",
        "the same openid package: require python3-openid",
    ),
    "pysqlite": ("sqlite3", "the standard library's sqlite3: drop the requirement"),
    "elementtree": (
        "xml.etree.ElementTree",
        "the standard library's: drop the requirement",
    ),
    "celementtree": (
        "xml.etree.ElementTree",
        "the standard library's: drop the requirement",
    ),
    "simplejson": (
        "json",
        "still released, but the standard library's json does the same",
    ),
    "repoze.what": (
        "repoze.who",
        "authorization by hand, in __before__ or a decorator",
    ),
    "myghty": ("Mako", "templates must be rewritten as Mako"),
    "kid": ("Genshi", "Kid templates mostly run on Genshi's markup templates"),
    "tempita": ("paste.util.template (Paste)", "Paste carries Tempita for Python 3"),
}

#: Limits that a requirement brings: (distribution, specifier, why), for
#: each requirement (by its normalised name) that needs one.  The fixers
#: add SQLAlchemy's, by what the code does.
PINS: dict[str, tuple[str, str, str]] = {
    "passlib": (
        "bcrypt",
        "<4.1",
        "passlib 1.7 reads bcrypt's version in a way bcrypt 4.1 removed, "
        "and fails on bcrypt 5's long-password check",
    ),
}
