"""Stored renderings: each live page's HTML, made once and read as one row.

Rendering reStructuredText takes milliseconds; reading a row does not.  A
page's latest revision is rendered when it is saved, and stored in
``renderings`` in the same transaction as the revision, with the WikiWords
it links to in ``links`` and the problems docutils found in the text, which
the edit form shows its author from the same row.  Stored HTML is
not used when:

- another renderer made it (:data:`wikitext.RENDERER_VERSION` differs),
  so that no page is ever sent as older code rendered it, security fixes
  included;
- a page it links to was created or deleted since, which changes that
  link's style: :func:`invalidate_linking_to` drops the HTML of the pages
  linking to it.

Either way the next view renders the page again and stores the result, as
it does for a revision stored without HTML (by ``paster setup-app``, or an
upgrade).  What the renderer says of a text it cannot render (too large,
too deep, too slow) is stored like any rendering, so that such a page
costs a worker once, not at every view; only the message that no worker
was free in time (:class:`wikitext.Deferred`) is shown but never stored.
A view stores its rendering only if the row still names the
revision it rendered, so that it never replaces a newer revision's.  Once
a rendering is stored, the pages it links to are looked up again, in case
one was created or deleted while it was being made.

Other texts are kept in ``kept_renderings``, by the digest of the text:
the renderings of old revisions, which their views ask for, and those of
any text the renderer failed on (a preview past the deadline, say), so
that none is rendered at every request.  A kept rendering is used for a
text while the renderer is the same and the pages it links to that exist
are the same; the oldest are dropped beyond a budget of bytes.

The same steps keep each link's ``missing`` flag true, which lists the
wanted pages: a rendering's links are stored as it found their pages, a
page created or deleted sets the flag of the links to it, and a
rendering that finds its pages changed since it was made sets its links'
flags again.
"""

import hashlib
import time
from datetime import datetime
from typing import NamedTuple

from markupsafe import Markup
from sqlalchemy import and_, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from quickwiki.lib import wikitext
from quickwiki.model import (
    KeptRendering,
    Link,
    Page,
    Rendering,
    Revision,
    existing_titles,
    latest_revision,
    live,
)
from quickwiki.model.meta import read_one, transaction

__all__ = [
    "DEFAULT_KEPT_SIZE",
    "Rendered",
    "Shown",
    "configure",
    "edited",
    "invalidate_linking_to",
    "problems_of",
    "recheck",
    "remove",
    "render",
    "show",
    "write",
]


#: The bytes of HTML kept for old revisions and failures, unless
#: :func:`configure` says otherwise.
DEFAULT_KEPT_SIZE = 64 * 2**20
_kept_size = DEFAULT_KEPT_SIZE

# What a page view reads.  Built once: a view spends its time on the row,
# not on making the query.
_STORED = (
    select(
        Rendering.__table__.c.revision,
        Rendering.__table__.c.html,
        Rendering.__table__.c.renderer,
        Rendering.__table__.c.problems,
        Rendering.__table__.c.title,
        Page.__table__.c.protected,
        Revision.__table__.c.created,
        Page.__table__.c.redirect,
    )
    .join(Page.__table__, Page.__table__.c.title == Rendering.__table__.c.page)
    .join(
        Revision.__table__,
        and_(
            Revision.__table__.c.page == Rendering.__table__.c.page,
            Revision.__table__.c.number == Rendering.__table__.c.revision,
        ),
    )
    .where(Rendering.__table__.c.page == bindparam("title"))
)


# What an edit form reads, built once: the text of the page's latest
# revision, whether the page is protected (which the form's check needs),
# and its stored rendering's problems with what says whether they hold.
_EDITED = (
    select(
        Revision.__table__.c.number,
        Revision.__table__.c.content,
        Page.__table__.c.protected,
        Rendering.__table__.c.revision.label("rendered"),
        Rendering.__table__.c.html.is_not(None).label("has_html"),
        Rendering.__table__.c.renderer,
        Rendering.__table__.c.problems,
    )
    .join(Page.__table__, Page.__table__.c.title == Revision.__table__.c.page)
    .outerjoin(
        Rendering.__table__, Rendering.__table__.c.page == Revision.__table__.c.page
    )
    .where(latest_revision())
)


class Shown(NamedTuple):
    """A page as its view shows it: the revision and when it was made, its
    HTML, whether the page is protected, the problems docutils found in
    its text (for the edit form), the text's own title (None if it has
    none), whether the HTML only says that no worker could render the
    page in time (``deferred``), and the title the page redirects to, if
    it is a redirect."""

    revision: int
    created: datetime
    html: Markup
    protected: bool
    problems: tuple[wikitext.Problem, ...] = ()
    title: str | None = None
    deferred: bool = False
    redirect: str | None = None


class Rendered(NamedTuple):
    """A page's source rendered: the HTML, the WikiWords it links to, and
    those of them that had a page when it was made; ``deferred`` when the
    HTML only says that no worker could render the page in time; the
    ``problems`` docutils found in the source; the source's own ``title``;
    ``failed`` when the HTML is the renderer's message that it could not
    render the source.
    """

    html: Markup
    titles: frozenset
    existing: frozenset
    deferred: bool
    problems: tuple[wikitext.Problem, ...] = ()
    title: str | None = None
    failed: bool = False


def show(title, page_url, file_url=None):
    """Page ``title`` as its view shows it, or None when it has no page.

    One row is read, unless the stored HTML cannot be used (see the module
    documentation); then the page is rendered and stored again.
    ``page_url(title)`` is the address of a page, ``file_url(reference)``
    that of a file the text names (:func:`wikitext.render`).
    """
    row = read_one(_STORED, {"title": title})
    if row is None:
        return None
    if _holds(row.html is not None, row.renderer):
        return Shown(
            row.revision,
            row.created,
            Markup(row.html),
            row.protected,
            _read_problems(row.problems),
            row.title,
            redirect=row.redirect,
        )
    return _refresh(title, page_url, file_url)


def edited(title):
    """Page ``title``'s latest revision as its edit form needs it, in one
    read, or None when the page never had one: a row of its ``number``
    and ``content``, whether the page is ``protected``, and its stored
    rendering, for :func:`problems_of`.
    """
    return read_one(_EDITED, {"title": title})


def problems_of(title, edited, page_url, file_url=None):
    """The problems docutils found in the text of ``edited`` (a row of
    :func:`edited`): those stored with page ``title``'s rendering when it
    is current; else those of the rendering its view makes and stores
    (:func:`show`), if it is of that revision.
    """
    if edited.rendered is None:
        return ()  # No stored rendering: a deleted page, which shows none.
    if edited.rendered == edited.number and _holds(edited.has_html, edited.renderer):
        return _read_problems(edited.problems)
    shown = show(title, page_url, file_url)
    return (
        shown.problems if shown is not None and shown.revision == edited.number else ()
    )


def _holds(has_html, renderer):
    """Whether a stored rendering, with HTML or not, made by ``renderer``,
    is shown as it is (see the module's documentation)."""
    return has_html and renderer == wikitext.RENDERER_VERSION


def render(title, source, page_url, file_url=None, keep=False):
    """``source`` rendered as page ``title``'s latest revision would be, the
    page itself counting as existing: a :class:`Rendered`.

    A rendering kept for the same text is used when it still holds (see
    :func:`_kept`).  Otherwise the text is rendered, and the result kept
    when ``keep`` is true (an old revision's) unless no worker could take
    it in time, or when the renderer failed on the text (past its
    deadline, say), which it would do again.
    """
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
    kept = _kept(title, digest)
    if kept is not None:
        return kept
    seen = {"titles": frozenset(), "existing": frozenset()}

    def existing(titles):
        seen["titles"] = frozenset(titles)
        seen["existing"] = _existing(title, titles)
        return seen["existing"]

    html, problems, document_title = wikitext.render(
        source, existing, page_url, file_url
    )
    rendered = Rendered(
        html,
        seen["titles"],
        seen["existing"],
        isinstance(html, wikitext.Deferred),
        problems,
        document_title,
        isinstance(html, wikitext.Failure),
    )
    # No worker in time says nothing of the text: the next try may succeed.
    if (keep and not rendered.deferred) or rendered.failed:
        _keep(digest, rendered)
    return rendered


def configure(kept_size=DEFAULT_KEPT_SIZE):
    """Keep at most ``kept_size`` bytes of HTML of old revisions and of
    failures (``quickwiki.render_cache_size``); the oldest go first."""
    global _kept_size
    _kept_size = kept_size


def _kept(title, digest):
    """The :class:`Rendered` kept for the text of ``digest``, if it holds
    for page ``title``: made by this renderer, with the same pages
    existing among those it links to.  A failure holds whatever exists.
    """
    with transaction() as session:
        row = session.get(KeptRendering, digest)
    if row is None or row.renderer != wikitext.RENDERER_VERSION:
        return None
    titles, existing = frozenset(row.titles), frozenset(row.existing)
    if not row.failed and _existing(title, titles) != existing:
        return None
    html = (wikitext.Failure if row.failed else Markup)(row.html)
    return Rendered(
        html,
        titles,
        existing,
        False,
        _read_problems(row.problems),
        row.title,
        row.failed,
    )


def _keep(digest, rendered):
    """Keep ``rendered`` for the text of ``digest``, then drop the oldest
    kept renderings beyond the budget of :func:`configure`."""
    html = str(rendered.html)
    try:
        with transaction() as session:
            session.execute(delete(KeptRendering).where(KeptRendering.digest == digest))
            session.add(
                KeptRendering(
                    digest=digest,
                    renderer=wikitext.RENDERER_VERSION,
                    html=html,
                    failed=rendered.failed,
                    titles=sorted(rendered.titles),
                    existing=sorted(rendered.existing),
                    problems=_stored_problems(rendered.problems),
                    title=rendered.title,
                    size=len(html.encode("utf-8")),
                    kept=time.time(),
                )
            )
    except IntegrityError:
        return  # another process kept it at the same moment
    with transaction() as session:
        over = (
            session.scalar(select(func.coalesce(func.sum(KeptRendering.size), 0)))
            - _kept_size
        )
        if over <= 0:
            return
        dropped = []
        for digest_kept, size in session.execute(
            select(KeptRendering.digest, KeptRendering.size).order_by(
                KeptRendering.kept
            )
        ):
            if over <= 0:
                break
            dropped.append(digest_kept)
            over -= size
        session.execute(delete(KeptRendering).where(KeptRendering.digest.in_(dropped)))


def write(session, title, revision, rendered=None):
    """In ``session``'s transaction, make revision ``revision`` page
    ``title``'s rendering: ``rendered``, or none yet, for its first view.
    """
    stored = rendered is not None and not rendered.deferred
    session.execute(delete(Rendering).where(Rendering.page == title))
    session.execute(
        insert(Rendering).values(
            page=title,
            revision=revision,
            html=str(rendered.html) if stored else None,
            renderer=wikitext.RENDERER_VERSION if stored else None,
            problems=_stored_problems(rendered.problems) if stored else None,
            title=rendered.title if stored else None,
        )
    )
    if stored:
        _write_links(session, title, rendered)


def remove(session, title):
    """In ``session``'s transaction, drop deleted page ``title``'s rendering
    and links."""
    session.execute(delete(Rendering).where(Rendering.page == title))
    session.execute(delete(Link).where(Link.page == title))


def recheck(title, rendered):
    """Once ``rendered`` is stored as page ``title``'s, drop it if a page it
    links to has been created or deleted since it was made.

    That creation or deletion invalidated the pages linking to it
    (:func:`invalidate_linking_to`) before these links were stored, so it
    could not find this page among them.  From now on, any other will.
    """
    if not rendered.deferred and _existing(title, rendered.titles) != rendered.existing:
        with transaction() as session:
            _invalidate(session, Rendering.page == title)
            session.execute(
                update(Link)
                .where(Link.page == title)
                .values(missing=~_live_page(Link.target))
            )


def invalidate_linking_to(title):
    """Drop the stored HTML of the pages that link to ``title``.

    Called once ``title``'s page has been created or deleted, which changes
    the style of those links, and whether they are wanted.
    """
    linking = select(Link.page).where(Link.target == title, Link.page != title)
    with transaction() as session:
        # On PostgreSQL, lock the rows in title order before changing them,
        # so that two of these running at once never wait for each other.
        if session.execute(
            select(Rendering.page)
            .where(Rendering.page.in_(linking))
            .order_by(Rendering.page)
            .with_for_update()
        ).all():
            _invalidate(session, Rendering.page.in_(linking))
        missing = session.scalar(select(~_live_page(title)))
        session.execute(
            update(Link).where(Link.target == title).values(missing=missing)
        )


def _refresh(title, page_url, file_url):
    """Render page ``title``'s latest revision for its view, and store it."""
    with transaction() as session:
        row = session.execute(
            select(
                Rendering.revision,
                Revision.content,
                Revision.created,
                Page.protected,
                Page.redirect,
            )
            .join(
                Revision,
                and_(
                    Revision.page == Rendering.page,
                    Revision.number == Rendering.revision,
                ),
            )
            .join(Page, Page.title == Rendering.page)
            .where(Rendering.page == title)
        ).one_or_none()
    if row is None:
        return None
    rendered = render(title, row.content, page_url, file_url)
    if rendered.deferred:
        return Shown(
            row.revision,
            row.created,
            rendered.html,
            row.protected,
            deferred=True,
            redirect=row.redirect,
        )
    with transaction() as session:
        stored = (
            session.execute(
                update(Rendering)
                .where(Rendering.page == title, Rendering.revision == row.revision)
                .values(
                    html=str(rendered.html),
                    renderer=wikitext.RENDERER_VERSION,
                    problems=_stored_problems(rendered.problems),
                    title=rendered.title,
                )
            ).rowcount
            == 1
        )
        if stored:
            _write_links(session, title, rendered)
    if stored:
        recheck(title, rendered)
    return Shown(
        row.revision,
        row.created,
        rendered.html,
        row.protected,
        rendered.problems,
        rendered.title,
        redirect=row.redirect,
    )


def _write_links(session, title, rendered):
    """Store the links of ``rendered``, page ``title``'s rendering, each
    missing or not as the rendering found it."""
    session.execute(delete(Link).where(Link.page == title))
    if rendered.titles:
        session.execute(
            insert(Link),
            [
                {
                    "page": title,
                    "target": target,
                    "missing": target not in rendered.existing,
                }
                for target in sorted(rendered.titles)
            ],
        )


def _live_page(title):
    """Whether ``title`` (a value or a column) has a page that is not
    deleted."""
    return select(Page.title).where(Page.title == title, live()).exists()


def _invalidate(session, condition):
    session.execute(
        update(Rendering)
        .where(condition)
        .values(html=None, renderer=None, problems=None, title=None)
    )


def _stored_problems(problems):
    """``problems`` as the ``problems`` column keeps them: JSON lists."""
    return [list(problem) for problem in problems]


def _read_problems(stored):
    """The problems of a stored rendering, as :class:`wikitext.Problem`."""
    return tuple(wikitext.Problem(*problem) for problem in stored or ())


def _existing(title, titles):
    """Those of ``titles`` that have a page, counting ``title`` as one."""
    others = set(titles) - {title}
    found = existing_titles(others) if others else set()
    return frozenset(found | ({title} & set(titles)))
