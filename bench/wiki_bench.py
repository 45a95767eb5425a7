"""Parts 2 and 3: QuickWiki and the wiki2 peer over HTTP, at every size.

For each database size of ``--sizes`` QuickWiki and the wiki2 peer
(``peers/wiki2peer``) each get a database of their own, filled by
:mod:`seed`, and a waitress server under ``paster serve``; all of them run
for the whole part.  The measurements, one per wiki, operation and size
(a *cell*), load one kind of request with the load generator:

- QuickWiki ``show``: ``GET /pages/show/BenchmarkShowPage`` (200);
- QuickWiki ``show-304``: the same, conditional, with the ``If-None-Match``
  of the ETag the page was sent with, as a browser or a cache revalidates
  it (304);
- QuickWiki ``list-first`` and ``list-last``: the first and the last page
  of the title list, ``GET /pages`` and ``GET /pages?page=last`` (200);
- QuickWiki ``save``: ``POST /pages/save/<Title>`` with the session cookie
  and the CSRF token of an edit form fetched before the load, as a browser
  would, a text no save of the run sent before, and the revision the page
  is at, so that each save adds a revision (302);
- QuickWiki ``search``: ``GET /pages/search?q=docutils+table``, words of
  the show page alone (200): ranked, with a snippet;
- QuickWiki ``search-broad``: ``GET /pages/search?q=benchmark``, a word of
  every page but the FrontPage, and of every save's text, so that the
  pages the saves rewrote match too (200): the thousand most recently
  changed are ranked;
- QuickWiki ``backlinks``: ``GET /pages/backlinks/FrontPage``, the first
  titles of the pages that link to the FrontPage, which all do (200);
- QuickWiki ``changes``: ``GET /pages/changes``, the latest revisions (200);
- QuickWiki on PostgreSQL, ``search`` and ``search-broad`` as above, the
  same wiki in a database of a throwaway PostgreSQL cluster
  (:class:`quickwiki.tests.pgcluster.Cluster`), started for the part when
  PostgreSQL is installed and the ``quickwiki-pg`` measurements are asked
  for;
- QuickWiki before, ``save`` as above, with ``--before COMMIT`` only:
  QuickWiki and the framework as they were at that commit (exported from
  the repository with ``git archive``, imported from there by its
  servers), its database made by that code's ``paster setup-app``: to
  compare saves with a change in the save's work and without it, in one
  run;
- wiki2 ``show``: ``GET /BenchmarkShowPage``, the same reST page (200);
- bare ``show``: a WSGI application answering every request with the
  bytes and headers of QuickWiki's page view (``peers/bare_page.py``),
  under the same server: the floor under the page view, at the smallest
  size only (its page is the same at every size);
- bare ``show-304``: the same application asked as QuickWiki's
  ``show-304`` is, answering 304 with the page's headers: the floor under
  the page view's 304;
- bare-cpu ``show``: the same application spending
  ``report.PAGE_VIEW_US_TARGET`` (250 µs) of CPU time on each request
  first: what the server makes of any application that takes issue 21's
  in-process target to answer, the most a page view meeting it can get.

Every cell is warmed up once, then measured in ``--wiki-rounds`` rounds.
Each round visits every cell, the sizes of an operation side by side and
both wikis' page views next to each other, in an order rotated from round
to round, so that drift on the machine is spread over every size and both
wikis instead of being blamed on one.  A row of the results holds the
medians over the rounds, with each round's figures kept too.

After each measurement single requests check that the pages say what
they should, and after each load of saves the database is read back:
every page saved must hold the last text sent to it.  A failed check
counts as a failed request.

Saves rotate over up to :data:`SAVE_SESSIONS` browser sessions, one page
each.  QuickWiki keeps every edit and refuses a save made from an older
revision than the page's latest (a conflict): the forms are opened afresh
before each load, and the load generator counts the revisions from there
(``LoadSpec.revision_field``).  QuickWiki keeps sessions in signed
cookies, and the load generator sends each session's first cookie with
every save, so the flash messages that saves queue are dropped rather than
piling up; the check after the load makes one more save as a browser does
and expects its flash message.
"""

import concurrent.futures
import contextlib
import dataclasses
import os
import subprocess
import tempfile
import time
import urllib.parse

import loadgen
import report
import seed
import stats
import wiki_client
import wiki_profile
import wiki_server
from wiki2peer import models as peer_models  # on sys.path through wiki_server

from quickwiki.tests import pgcluster

#: The wikis and what is measured of each, in the order of the tables.
OPERATIONS = {
    "quickwiki": (
        "show",
        "show-304",
        "list-first",
        "list-last",
        "save",
        "search",
        "search-broad",
        "backlinks",
        "changes",
    ),
    "quickwiki-pg": ("search", "search-broad"),
    "quickwiki-before": ("save",),
    "wiki2": ("show",),
    "bare": ("show", "show-304"),
    "bare-cpu": ("show",),
}
#: The bare applications, by name, and the microseconds of CPU time each
#: spends on a request.
BARE_CPU_US = {"bare": 0, "bare-cpu": report.PAGE_VIEW_US_TARGET}
#: The order a round visits the operations in (each at every size).
_ROUND_OPERATIONS = (
    "show",
    "show-304",
    "list-first",
    "list-last",
    "save",
    "search",
    "search-broad",
    "backlinks",
    "changes",
)
#: What the GET measurements of QuickWiki ask for.
_PATHS = {
    "show": wiki_client.SHOW_PATH,
    "list-first": wiki_client.LIST_FIRST_PATH,
    "list-last": wiki_client.LIST_LAST_PATH,
    "search": "/pages/search?q=docutils+table",
    "search-broad": "/pages/search?q=benchmark",
    "backlinks": "/pages/backlinks/FrontPage",
    "changes": "/pages/changes",
}
SAVE_SESSIONS = 256
# How long a load's last saves may take to reach the database after the
# load generator stopped waiting for them.
_SETTLE_SECONDS = 0.5
_PEER_SHOW_PATH = "/" + seed.SHOW_TITLE


@dataclasses.dataclass(eq=False)
class Site:
    """One wiki at one database size: its ini, port and running server."""

    app: str
    pages: int
    ini: str
    port: int
    server: wiki_server.Server = None
    #: Directories first on its server's path: the code of ``--before``.
    code: tuple = ()
    #: QuickWiki only: the pages saves go to, one per browser session, and
    #: each session's save path, cookie and form body up to the text.
    save_titles: tuple = ()
    save_variants: tuple = ()


def run(args):
    """Measure every cell; the ``wiki`` part of the results."""
    with (
        tempfile.TemporaryDirectory(prefix="bench-wiki-") as scratch,
        contextlib.ExitStack() as running,
    ):
        apps = wanted_apps(args)
        cluster = (
            running.enter_context(pgcluster.Cluster())
            if "quickwiki-pg" in apps
            else None
        )
        before = (
            export_commit(args.before, os.path.join(scratch, "before-code"))
            if "quickwiki-before" in apps
            else None
        )
        sites = {}
        for pages in args.sizes:
            # The bare applications are made from QuickWiki's page, below.
            for app in (app for app in apps if app not in BARE_CPU_US):
                print("  %s: %d pages" % (app, pages), flush=True)
                sites[app, pages] = make_site(
                    app, pages, scratch, args.ini, cluster, before
                )
        for site in sites.values():
            _serve(site, running)
        for app in (app for app in apps if app in BARE_CPU_US):
            # The bare applications answer with QuickWiki's page, served now.
            smallest = args.sizes[0]
            sites[app, smallest] = bare = make_bare_site(
                app, sites["quickwiki", smallest], scratch
            )
            _serve(bare, running)
        cells = [
            (site, operation)
            for site, operation in base_order(sites, args.sizes)
            if not args.operations or operation in args.operations
        ]
        print("  warming up %d measurements" % len(cells), flush=True)
        for site, operation in cells:
            measure(site, operation, "warm-up", args.warmup, args)
        samples = {cell: [] for cell in cells}
        for number in range(args.wiki_rounds):
            print("  round %d of %d" % (number + 1, args.wiki_rounds), flush=True)
            for site, operation in stats.round_order(cells, number, args.wiki_rounds):
                samples[site, operation].append(
                    measure(site, operation, "r%d" % number, args.seconds, args)
                )
        rows = [
            dict(
                stats.over_rounds(samples[site, operation]),
                app=site.app,
                operation=operation,
                pages=site.pages,
            )
            for site, operation in cells
        ]
        largest = args.sizes[-1]
        profiles = {}
        if not args.operations:
            print("  profiling both wikis in process at %d pages" % largest, flush=True)
            profiles = wiki_profile.profile_operations(
                sites["quickwiki", largest].ini,
                sites["wiki2", largest].ini,
                args.wiki_profile_calls,
                args.results,
            )
    return {
        "server": wiki_server.SERVER,
        "connections": args.connections,
        "seconds": args.seconds,
        "rounds": args.wiki_rounds,
        "show_page_bytes": len(seed.show_content().encode()),
        "rows": rows,
        "profiles": profiles,
        "profiled_at": largest,
    }


def _serve(site, running):
    """Start ``site``'s server, stopped when ``running`` closes."""
    site.server = running.enter_context(
        wiki_server.Server(
            site.ini,
            site.port,
            os.path.join(os.path.dirname(site.ini), "server.log"),
            site.code,
        )
    )


def export_commit(commit, directory):
    """The tree of ``commit`` of this repository, written into
    ``directory``: the directories to import QuickWiki and the framework
    from."""
    os.makedirs(directory)
    archive = subprocess.run(
        ["git", "-C", os.path.dirname(wiki_server.HERE), "archive", commit],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", directory], input=archive, check=True)
    return (directory, os.path.join(directory, "framework"))


def make_bare_site(app, quickwiki, scratch):
    """The site of bare application ``app`` of :data:`BARE_CPU_US`,
    answering with the page view of the running site ``quickwiki`` as a
    reader gets it."""
    import bare_page  # among the peers, on sys.path through wiki_server

    directory = os.path.join(scratch, "%s-%d" % (app, quickwiki.pages))
    os.makedirs(directory)
    status, headers, text = wiki_client.fetch(quickwiki.port, wiki_client.SHOW_PATH)
    if status != 200:
        raise RuntimeError("QuickWiki's page view answered %d" % status)
    page = os.path.join(directory, "page.json")
    bare_page.write_page(
        page,
        [
            (name, value)
            for name, value in headers.items()
            if name.lower() not in ("date", "server")
        ],
        text.encode("utf-8"),
    )
    port = wiki_server.free_port()
    ini = wiki_server.bare_ini(directory, port, page, BARE_CPU_US[app])
    return Site(app, quickwiki.pages, ini, port)


def wanted_apps(args):
    """The wikis the run measures: those of the operations asked for, and
    QuickWiki on PostgreSQL only where PostgreSQL is installed."""
    apps = [
        app
        for app, operations in OPERATIONS.items()
        if (not args.operations or set(operations) & set(args.operations))
        and (app != "quickwiki-before" or args.before)
    ]
    if "quickwiki-pg" in apps:
        try:
            pgcluster.find_bindir()
        except pgcluster.PostgreSQLMissing as missing:
            print("  no QuickWiki on PostgreSQL: %s" % missing, flush=True)
            apps.remove("quickwiki-pg")
    return apps


def make_site(app, pages, scratch, source_ini, cluster=None, before=None):
    """A directory, an ini and a database of ``pages`` pages for ``app``;
    QuickWiki on PostgreSQL's in a new database of ``cluster``; QuickWiki
    before's with the code of the directories ``before``, and its ini."""
    directory = os.path.join(scratch, "%s-%d" % (app, pages))
    os.makedirs(directory)
    port = wiki_server.free_port()
    code = before if app == "quickwiki-before" else ()
    if app.startswith("quickwiki"):
        database = cluster.new_database("bench") if app == "quickwiki-pg" else None
        if code:
            source_ini = os.path.join(code[0], "development.ini")
        ini = wiki_server.quickwiki_ini(source_ini, directory, port, database)
        wiki_server.setup_app(ini, code)
        seed.insert_quickwiki_pages(
            wiki_server.database_url(ini), seed.quickwiki_rows(pages)
        )
    else:
        ini = wiki_server.peer_ini(directory, port)
        database = wiki_server.database_url(ini)
        peer_models.create_tables(database)
        seed.insert_pages(
            database, peer_models.Page.__table__, "name", "data", seed.peer_rows(pages)
        )
    return Site(app, pages, ini, port, code=code)


def prepare_saves(site, threads):
    """Open an edit form per browser session, as a browser would, each on
    the revision its page is at now."""
    sessions = min(SAVE_SESSIONS, site.pages - 2)  # one filler page each
    site.save_titles = tuple(
        seed.filler_title(number) for number in range(1, sessions + 1)
    )
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        site.save_variants = tuple(
            pool.map(lambda title: _save_variant(site.port, title), site.save_titles)
        )


def _save_variant(port, title):
    save_path = "/pages/save/" + title
    cookie, fields = wiki_client.open_form(port, "/pages/edit/" + title, save_path)
    revision = int(fields.pop("base"))
    return save_path, cookie, wiki_client.form_prefix(fields, "content"), revision


def base_order(sites, sizes):
    """Every cell ``(site, operation)`` once: by operation, the sizes side
    by side, and at each size QuickWiki's then the peer's.
    """
    return [
        (sites[app, pages], operation)
        for operation in _ROUND_OPERATIONS
        for pages in sizes
        for app in OPERATIONS
        if operation in OPERATIONS[app] and (app, pages) in sites
    ]


def load_spec(site, operation, load, connections):
    """What the load generator sends for ``operation`` of ``site``."""
    if site.app == "wiki2":
        return loadgen.LoadSpec("GET", _PEER_SHOW_PATH, 200)
    if operation == "show-304":
        return loadgen.LoadSpec(
            "GET",
            wiki_client.SHOW_PATH,
            304,
            headers=(("If-None-Match", _show_etag(site)),),
        )
    if site.app in BARE_CPU_US:
        return loadgen.LoadSpec("GET", wiki_client.SHOW_PATH, 200)
    if operation == "save":
        prepare_saves(site, connections)
        return loadgen.LoadSpec(
            "POST", "", 302, site.save_variants, wiki_client.numbered_text(load), "base"
        )
    return loadgen.LoadSpec("GET", _PATHS[operation], 200)


def measure(site, operation, load, seconds, args):
    """One load of ``operation`` on ``site`` for ``seconds``, then its check.

    ``load`` names the load (unique in the run): the save texts carry it.
    """
    spec = load_spec(site, operation, load, args.connections)
    site.server.reset_peak_memory()
    figures = loadgen.run_load(
        spec, site.port, seconds, args.connections, args.generator
    )
    figures["peak_rss_mib"] = site.server.peak_memory_mib()
    failed = CHECKS[site.app, operation](site, figures, load, args.connections)
    figures["errors"]["check"] = failed
    figures["error_count"] += failed
    return figures


def _show_etag(site):
    """The ETag the page view of ``site`` is sent with, to a reader."""
    status, headers, _ = wiki_client.fetch(site.port, wiki_client.SHOW_PATH)
    if status != 200 or not headers.get("ETag"):
        raise RuntimeError("%s's page view came without an ETag" % site.app)
    return headers["ETag"]


def _fails_304(site):
    """1 when the page view's ETag no longer answers 304, else 0."""
    etag = _show_etag(site)
    status, _, _ = wiki_client.fetch(
        site.port, wiki_client.SHOW_PATH, headers={"If-None-Match": etag}
    )
    return int(status != 304)


def _check_show_304(site, figures, load, connections):
    """The page view's ETag still answers 304, and the page is the page."""
    return _fails_304(site) + _check_show(site, figures, load, connections)


def _check_bare(site, figures, load, connections):
    status, _, text = wiki_client.fetch(site.port, wiki_client.SHOW_PATH)
    return int(status != 200 or "<strong>rendered</strong>" not in text)


def _check_bare_304(site, figures, load, connections):
    return _fails_304(site) + _check_bare(site, figures, load, connections)


def _check_show(site, figures, load, connections):
    status, _, text = wiki_client.fetch(site.port, wiki_client.SHOW_PATH)
    links = [' wikilink" href="/%s"' % title for title in seed.EXISTING_LINKS] + [
        ' wikilink-missing" href="/%s"' % title for title in seed.MISSING_LINKS
    ]
    return int(
        status != 200
        or "<strong>rendered</strong>" not in text
        or not all(link in text for link in links)
    )


def _check_list_first(site, figures, load, connections):
    status, _, text = wiki_client.fetch(site.port, wiki_client.LIST_FIRST_PATH)
    return int(
        status != 200
        or ">%s</a>" % seed.SHOW_TITLE not in text
        or 'rel="next"' not in text
    )


def _check_list_last(site, figures, load, connections):
    status, _, text = wiki_client.fetch(site.port, wiki_client.LIST_LAST_PATH)
    last_title = seed.filler_title(site.pages - 2)
    return int(
        status != 200
        or ">%s</a>" % last_title not in text
        or 'rel="prev"' not in text
        or 'rel="next"' in text
    )


def _check_save(site, figures, load, connections):
    """The load's texts in the database, one revision for each save the
    wiki acknowledged; then a save as a browser makes it, from a form opened
    afresh: redirected to the page, which shows the text and the flash
    message that the save's session cookie carries.
    """
    time.sleep(_SETTLE_SECONDS)
    stored = seed.quickwiki_texts_starting(
        wiki_server.database_url(site.ini), wiki_client.save_text_start(load)
    )
    acknowledged = figures["requests"] - figures["errors"]["unexpected"]
    failed = wiki_client.save_failures(acknowledged, stored, connections)
    path, _, _, _ = site.save_variants[0]
    title = path.rsplit("/", 1)[1]
    cookie, fields = wiki_client.open_form(site.port, "/pages/edit/" + title, path)
    # It links to the FrontPage, as the seeded and the load's texts do, which
    # the check of what links there reads.
    said = "Checked after load %s" % load
    text = said + ": see the FrontPage."
    body = wiki_client.form_prefix(fields, "content") + urllib.parse.quote_plus(text)
    status, headers, _ = wiki_client.fetch(site.port, path, "POST", body, cookie)
    cookie = wiki_client.cookie_header(headers.get_all("Set-Cookie") or []) or cookie
    shown, _, page = wiki_client.fetch(site.port, "/" + title, cookie=cookie)
    saved = "Saved revision %d of %s." % (int(fields["base"]) + 1, title)
    return failed + int(
        status != 302 or shown != 200 or said not in page or saved not in page
    )


def _check_search(site, figures, load, connections):
    status, _, text = wiki_client.fetch(site.port, _PATHS["search"])
    return int(
        status != 200
        or '">%s</a>' % seed.SHOW_TITLE not in text
        or "<mark>docutils</mark>" not in text
    )


def _check_search_broad(site, figures, load, connections):
    status, _, text = wiki_client.fetch(site.port, _PATHS["search-broad"])
    narrowed = 'class="narrowed"' in text
    return int(
        status != 200
        or 'class="result-title"' not in text
        or narrowed != (site.pages > 1000 + 2)
    )


def _check_backlinks(site, figures, load, connections):
    status, _, text = wiki_client.fetch(site.port, _PATHS["backlinks"])
    return int(
        status != 200
        or ">%s</a>" % seed.filler_title(1) not in text
        or 'rel="next"' not in text
    )


def _check_changes(site, figures, load, connections):
    status, _, text = wiki_client.fetch(site.port, _PATHS["changes"])
    return int(status != 200 or '<table class="changes">' not in text)


def _check_peer_show(site, figures, load, connections):
    status, _, text = wiki_client.fetch(site.port, _PEER_SHOW_PATH)
    base = "http://%s:%d/" % (loadgen.HOST, site.port)
    links = ['href="%s%s"' % (base, title) for title in seed.EXISTING_LINKS] + [
        'href="%sadd_page/%s"' % (base, title) for title in seed.MISSING_LINKS
    ]
    return int(
        status != 200
        or "<strong>rendered</strong>" not in text
        or not all(link in text for link in links)
    )


#: The check after each measurement: the number of failures found.
CHECKS = {
    ("quickwiki", "show"): _check_show,
    ("quickwiki", "show-304"): _check_show_304,
    ("bare", "show"): _check_bare,
    ("bare", "show-304"): _check_bare_304,
    ("bare-cpu", "show"): _check_bare,
    ("quickwiki", "list-first"): _check_list_first,
    ("quickwiki", "list-last"): _check_list_last,
    ("quickwiki", "save"): _check_save,
    ("quickwiki", "search"): _check_search,
    ("quickwiki", "search-broad"): _check_search_broad,
    ("quickwiki", "backlinks"): _check_backlinks,
    ("quickwiki", "changes"): _check_changes,
    ("quickwiki-pg", "search"): _check_search,
    ("quickwiki-pg", "search-broad"): _check_search_broad,
    ("quickwiki-before", "save"): _check_save,
    ("wiki2", "show"): _check_peer_show,
}
