"""QuickWiki's data: pages, their revisions, their links, their HTML and
their searchable text; the accounts that write them, and their logins.

A page is its list of revisions, numbered from 1; nothing is ever changed
in a revision once it is stored.  ``pages`` holds one row per title with
the number of the latest revision, which is the one the page shows.
``links`` and ``renderings`` are derived from the latest revisions, kept so
that showing a page reads a single stored row
(:mod:`quickwiki.lib.renderings`); :mod:`quickwiki.lib.revisions` writes
the revisions.  ``search_texts`` holds each live page's text as the
database's full-text index reads it (:mod:`quickwiki.lib.search`).
``accounts`` and ``logins`` are read and written by
:mod:`quickwiki.lib.accounts`.  ``rate_counters`` counts what each client
does, for the limits of :mod:`quickwiki.lib.limiting`; ``kept_renderings``
keeps the HTML of old revisions and of texts the renderer failed on.
"""

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    String,
    Text,
    TypeDecorator,
    and_,
    bindparam,
    event,
    false,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column

from quickwiki.lib.wikiwords import MAX_TITLE_LENGTH, skeleton
from quickwiki.model.meta import Base, Session

__all__ = [
    "ROLES",
    "Account",
    "ApiToken",
    "FileRevision",
    "Link",
    "Login",
    "Page",
    "RateCounter",
    "KeptRendering",
    "Rendering",
    "Revision",
    "SearchText",
    "existing_titles",
    "init_model",
    "latest_revision",
    "live",
    "look_alike",
]

#: The longest edit summary a revision keeps.
MAX_SUMMARY_LENGTH = 200
#: The longest author name.
MAX_AUTHOR_LENGTH = 80
#: The longest client address (an IPv6 address with an IPv4 tail).
MAX_ADDRESS_LENGTH = 45
#: The longest name of a file attached to a page.
MAX_FILE_NAME_LENGTH = 100
#: The longest renderer version a stored rendering records.
MAX_RENDERER_LENGTH = 100
#: The longest account name: an author's name, as revisions keep it.
MAX_ACCOUNT_NAME_LENGTH = MAX_AUTHOR_LENGTH
#: The longest stored password hash (Argon2's encoded hashes are about 100
#: characters with the recommended parameters).
MAX_PASSWORD_HASH_LENGTH = 255
#: The longest label of an API token.
MAX_TOKEN_LABEL_LENGTH = 80
#: The roles of accounts, each allowed what the one before it is, and more.
ROLES = ("reader", "editor", "admin")


#: How long, in milliseconds, a SQLite connection waits for another
#: writer's transaction to end before it gives up ("database is locked").
SQLITE_BUSY_TIMEOUT = 30000


def init_model(engine):
    """Bind the model's session to ``engine``: called when the app loads."""
    if engine.dialect.name == "sqlite":
        # SQLite lets one writer at a time; under load a short write of
        # another thread or process can take longer than the driver's
        # five seconds, which would fail a save or a rate count with an
        # error instead of a wait.
        event.listen(engine, "connect", _wait_for_writers)
    Session.configure(bind=engine)


def _wait_for_writers(connection, _record):
    """Make a new SQLite ``connection`` wait for other writers."""
    connection.execute("PRAGMA busy_timeout = %d" % SQLITE_BUSY_TIMEOUT)


class UTCDateTime(TypeDecorator):
    """A moment, stored in UTC and read back as an aware datetime.

    SQLite keeps no time zone, so the value is converted to UTC on the way
    in and marked as UTC on the way out; PostgreSQL's ``timestamptz`` keeps
    the moment itself.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else value.astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


def _title_skeleton(context):
    return skeleton(context.get_current_parameters()["title"])


class Page(Base):
    """A title that has, or had, a page: where its latest revision is."""

    __tablename__ = "pages"
    __table_args__ = (
        CheckConstraint("revision >= 1", name="revision"),
        # The title list: the titles of the pages that are not deleted, in
        # order, read from the index alone.
        Index("ix_pages_live_titles", "deleted", "title"),
    )

    title: Mapped[str] = mapped_column(String(MAX_TITLE_LENGTH), primary_key=True)
    #: The number of the latest revision, which the page shows.
    revision: Mapped[int]
    #: Whether the latest revision deleted the page.
    deleted: Mapped[bool]
    #: Whether only admins may change the page.
    protected: Mapped[bool] = mapped_column(default=False)
    #: What the title looks like (:func:`quickwiki.lib.wikiwords.skeleton`),
    #: filled in from the title: no new title may look like another.
    skeleton: Mapped[str] = mapped_column(Text, index=True, default=_title_skeleton)
    #: The title the latest revision redirects to, when it is a redirect
    #: (see :func:`quickwiki.lib.wikiwords.redirect_target`).
    redirect: Mapped[str | None] = mapped_column(String(MAX_TITLE_LENGTH))

    def __repr__(self):
        return "<Page %s r%d%s>" % (
            self.title,
            self.revision,
            " deleted" if self.deleted else "",
        )


class _Authored:
    """When a change was made, by whom and why, and whether it deleted."""

    created: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The author's account name, or "anonymous".
    author: Mapped[str] = mapped_column(String(MAX_AUTHOR_LENGTH))
    #: The author's account; None for an anonymous author.
    account: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    #: An anonymous author's client address, kept only when the
    #: configuration asks for it (``quickwiki.record_addresses``).
    address: Mapped[str | None] = mapped_column(String(MAX_ADDRESS_LENGTH))
    summary: Mapped[str] = mapped_column(String(MAX_SUMMARY_LENGTH))
    deleted: Mapped[bool]


class Revision(_Authored, Base):
    """One version of a page: its text, when, by whom and why.

    A revision that deletes the page has ``deleted`` set and no text.
    """

    __tablename__ = "revisions"
    __table_args__ = (
        CheckConstraint("number >= 1", name="number"),
        # An account's contributions, newest first.
        Index("ix_revisions_account_created", "account", "created"),
        # Recent changes, newest first, from the whole wiki, one author or
        # one page (its feed), read in the order of the keyset that pages
        # them.
        Index("ix_revisions_created_page_number", "created", "page", "number"),
        Index(
            "ix_revisions_author_created_page_number",
            "author",
            "created",
            "page",
            "number",
        ),
        Index("ix_revisions_page_created_number", "page", "created", "number"),
    )

    page: Mapped[str] = mapped_column(ForeignKey("pages.title"), primary_key=True)
    #: 1 for the page's first revision, then one more for each.  The
    #: primary key makes sure that of two writers adding the same number,
    #: one fails.
    number: Mapped[int] = mapped_column(primary_key=True)
    #: The reStructuredText source, as the author wrote it.
    content: Mapped[str] = mapped_column(Text)
    #: The text's length in bytes of UTF-8, kept so that lists of changes
    #: show how much each one changed without reading the texts.
    size: Mapped[int]

    def __repr__(self):
        return "<Revision %s r%d>" % (self.page, self.number)


class FileRevision(_Authored, Base):
    """One version of a file attached to a page: what it is, when, by whom.

    A page's file ``name`` is its list of revisions, numbered from 1, as a
    page is; a revision that deletes the file has ``deleted`` set, and
    names the bytes of the revision before it.  The bytes are in the file
    store (:mod:`quickwiki.lib.filestore`) under ``digest``.
    """

    __tablename__ = "files"
    __table_args__ = (CheckConstraint("number >= 1", name="number"),)

    page: Mapped[str] = mapped_column(ForeignKey("pages.title"), primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_FILE_NAME_LENGTH), primary_key=True)
    #: The primary key makes sure that of two uploads adding the same
    #: number, one fails.
    number: Mapped[int] = mapped_column(primary_key=True)
    #: The SHA-256 of the stored bytes, in hex: their name in the store.
    digest: Mapped[str] = mapped_column(String(64))
    #: The type the file is served with, as its content showed.
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    #: An image's size in pixels; None for other files.
    width: Mapped[int | None]
    height: Mapped[int | None]

    @property
    def is_image(self):
        return self.width is not None

    def __repr__(self):
        return "<FileRevision %s/%s r%d>" % (self.page, self.name, self.number)


class Link(Base):
    """A WikiWord that a page's latest revision links to.

    ``target`` need not have a page: links to missing pages are kept too,
    so that creating the page finds the pages whose links change colour,
    and ``missing`` says which they are, for the list of wanted pages.
    """

    __tablename__ = "links"
    __table_args__ = (
        # What links here, in order of the linking pages' titles.
        Index("ix_links_target_page", "target", "page"),
        # The wanted pages, in order of their titles.
        Index("ix_links_missing_target", "missing", "target"),
    )

    page: Mapped[str] = mapped_column(ForeignKey("pages.title"), primary_key=True)
    target: Mapped[str] = mapped_column(String(MAX_TITLE_LENGTH), primary_key=True)
    #: Whether ``target`` had no page (or a deleted one) when last looked up.
    missing: Mapped[bool] = mapped_column(default=False)


class Rendering(Base):
    """A live page's latest revision as HTML, as the page view sends it.

    Each page that is not deleted has one.  ``html`` is None until the
    revision is rendered, and again when what it shows changes: a page it
    links to was created or deleted.  ``renderer`` is the
    :data:`quickwiki.lib.wikitext.RENDERER_VERSION` that made the HTML,
    which is never sent when it differs from the running one.
    ``problems`` are the problems docutils found in the text, which the
    edit form shows its author (a list of ``[level, line, message]``,
    :class:`quickwiki.lib.wikitext.Problem`), kept with the HTML so that
    the form renders nothing.  ``title`` is the text's own title, which
    the page shows as its heading (None: it has none).
    """

    __tablename__ = "renderings"
    __table_args__ = (
        ForeignKeyConstraint(
            ["page", "revision"], ["revisions.page", "revisions.number"]
        ),
    )

    page: Mapped[str] = mapped_column(String(MAX_TITLE_LENGTH), primary_key=True)
    revision: Mapped[int]
    html: Mapped[str | None] = mapped_column(Text)
    renderer: Mapped[str | None] = mapped_column(String(MAX_RENDERER_LENGTH))
    problems: Mapped[list | None] = mapped_column(JSON)
    title: Mapped[str | None] = mapped_column(Text)


class Account(Base):
    """Someone who logs in to the wiki, or whom single sign-on names.

    ``name`` is shown as written; ``key``, its case-folded form, finds it
    and keeps two accounts from differing only in case.
    """

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint(
            "role IN (%s)" % ", ".join("'%s'" % role for role in ROLES), name="role"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_ACCOUNT_NAME_LENGTH))
    key: Mapped[str] = mapped_column(String(MAX_ACCOUNT_NAME_LENGTH), unique=True)
    #: The Argon2id hash of the password; None: the account has no password,
    #: and logs in through single sign-on only (or not until one is set).
    password: Mapped[str | None] = mapped_column(String(MAX_PASSWORD_HASH_LENGTH))
    #: One of :data:`ROLES`.
    role: Mapped[str] = mapped_column(String(10))
    #: A blocked account cannot log in, and its logins have ended.
    blocked: Mapped[bool] = mapped_column(default=False)
    created: Mapped[datetime] = mapped_column(UTCDateTime)

    def __repr__(self):
        return "<Account %s %s%s>" % (
            self.name,
            self.role,
            " blocked" if self.blocked else "",
        )


class ApiToken(Base):
    """A token with which programs use the API as ``account``.

    ``digest`` is the SHA-256 digest of the token, which is shown to its
    account once, when made; ``label`` says what it is for.
    """

    __tablename__ = "api_tokens"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    account: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    label: Mapped[str] = mapped_column(String(MAX_TOKEN_LABEL_LENGTH))
    created: Mapped[datetime] = mapped_column(UTCDateTime)


class Login(Base):
    """A login that has not ended: the session that holds its token is
    logged in to ``account``.

    ``token`` is the SHA-256 digest of the token the session keeps, so that
    the table alone logs no one in.  Logging out deletes the row, which
    ends the login wherever a copy of the session's cookie is.
    """

    __tablename__ = "logins"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    account: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime)


class KeptRendering(Base):
    """A text rendered, kept by the digest of the text: an old revision's,
    or one the renderer failed on, so that neither is rendered again
    (:func:`quickwiki.lib.renderings.render`).

    The HTML holds for a page when the WikiWords it links to
    (``titles``) that have a page are still ``existing``.
    """

    __tablename__ = "kept_renderings"

    #: The SHA-256 of the text's UTF-8, in hexadecimal.
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    renderer: Mapped[str] = mapped_column(String(MAX_RENDERER_LENGTH))
    html: Mapped[str] = mapped_column(Text)
    #: Whether the HTML is the renderer's message that it failed.
    failed: Mapped[bool]
    titles: Mapped[list] = mapped_column(JSON)
    existing: Mapped[list] = mapped_column(JSON)
    problems: Mapped[list] = mapped_column(JSON)
    #: The text's own title (None if it has none).
    title: Mapped[str | None] = mapped_column(Text)
    #: Bytes of HTML, which the kept renderings share a budget of.
    size: Mapped[int]
    #: When it was kept, in seconds since the epoch: the oldest go first.
    kept: Mapped[float] = mapped_column(Double, index=True)


class RateCounter(Base):
    """A client's count of something in a window of time, for a rate limit
    (:class:`quickwiki.lib.limiting.DatabaseStorage`)."""

    __tablename__ = "rate_counters"

    #: The longest key; longer ones are stored as their digest.
    MAX_KEY_LENGTH = 200

    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger)
    #: When the window ends, in seconds since the epoch.
    expires: Mapped[float] = mapped_column(Double)


class SearchText(Base):
    """A live page's text as the full-text index reads it.

    The index itself is the database's own and lies outside the model: on
    SQLite an FTS5 table that reads its text from here, on PostgreSQL a
    ``tsvector`` column of this table, generated from it, with a GIN index
    (both made by the migration that made this table).  ``words`` is the
    title with its WikiWord parts apart, ``body`` the start of the latest
    revision's text.
    """

    __tablename__ = "search_texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    page: Mapped[str] = mapped_column(ForeignKey("pages.title"), unique=True)
    words: Mapped[str] = mapped_column(String(3 * MAX_TITLE_LENGTH))
    body: Mapped[str] = mapped_column(Text)


def live():
    """The condition of a page that is not deleted."""
    return Page.deleted == false()


def latest_revision():
    """The condition of the latest revision of the page named by the
    ``title`` parameter, found by its key: joined to the page's row
    instead, SQLite went through every revision of the page (a page of
    1,000 took 0.2 ms)."""
    return and_(
        Revision.page == bindparam("title"),
        Revision.number
        == select(Page.revision)
        .where(Page.title == bindparam("title"))
        .scalar_subquery(),
    )


def look_alike(title):
    """The title of a page, deleted or not, that looks like ``title`` but
    is another; None if there is none."""
    query = select(Page.title).where(
        Page.skeleton == skeleton(title), Page.title != title
    )
    return Session.scalars(query.order_by(Page.title).limit(1)).first()


def existing_titles(titles):
    """Those of ``titles`` that have a page, found with one query."""
    query = select(Page.title).where(Page.title.in_(titles), live())
    return set(Session.scalars(query))
