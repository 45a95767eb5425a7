"""Parts 2 and 3: QuickWiki over HTTP, at growing database sizes.

For each size the one database of the run is topped up with
:mod:`seed`, then each server in turn serves it under ``paster serve``
and takes three loads, each after a warm-up:

- ``show``: ``GET /pages/show/BenchmarkShowPage``, reST rendered with its
  WikiWords looked up (200);
- ``list``: ``GET /pages``, the first page of the title list (200);
- ``save``: ``POST /pages/save/<Title>`` with the session cookie and CSRF
  token of an edit form fetched beforehand (302 to the page).

Saves rotate over :data:`SAVE_SESSIONS` browser sessions and as many
existing pages.  QuickWiki keeps sessions in signed cookies, and the load
generator sends each session's first cookie again with every save, so
the flash messages saves queue are dropped rather than piling up.

Around the loads, single requests check that the pages say what they
should; a failed check counts as a failed request.
"""
import concurrent.futures
import os
import tempfile

import loadgen
import seed
import wiki_client
import wiki_profile
import wiki_server
from seed import SHOW_TITLE
from wiki_client import LIST_PATH, SAVED_TEXT, SHOW_PATH

SAVE_SESSIONS = 256


def run(args):
    """Measure every size and server; the ``wiki`` part of the results."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-wiki-") as scratch:
        ini = wiki_server.derive_ini(args.ini, scratch, "paste",
                                     wiki_server.free_port())
        wiki_server.setup_app(ini)
        database_url = wiki_server.database_url(ini)
        for size in args.sizes:
            print("  seeding %d pages" % size, flush=True)
            seed.grow_to(database_url, size)
            for server in wiki_server.SERVERS:
                rows += measure_server(server, size, scratch, args)
        print("  profiling QuickWiki in process at %d pages" % args.sizes[-1],
              flush=True)
        profiles = wiki_profile.profile_operations(ini, args.wiki_profile_calls,
                                                   args.results)
    return {"connections": args.connections, "seconds": args.seconds,
            "rows": rows, "profiles": profiles, "profiled_at": args.sizes[-1]}


def measure_server(server_name, size, scratch, args):
    """The three measurements of one server at one database size."""
    port = wiki_server.free_port()
    ini = wiki_server.derive_ini(args.ini, scratch, server_name, port)
    log_path = os.path.join(scratch, "%s.log" % server_name)
    rows = []
    with wiki_server.Server(ini, port, log_path) as server:
        specs = {
            "show": loadgen.LoadSpec("GET", SHOW_PATH, 200),
            "list": loadgen.LoadSpec("GET", LIST_PATH, 200),
            "save": loadgen.LoadSpec("POST", "", 302,
                                     save_variants(port, size, args.connections)),
        }
        for operation, spec in specs.items():
            print("  %s, %d pages: %s" % (server_name, size, operation), flush=True)
            loadgen.run_load(spec, port, args.warmup, args.connections,
                             args.generator)
            server.reset_peak_memory()
            figures = loadgen.run_load(spec, port, args.seconds, args.connections,
                                       args.generator)
            figures["peak_rss_mib"] = server.peak_memory_mib()
            failed_checks = CHECKS[operation](port, spec)
            figures["errors"]["check"] = failed_checks
            figures["error_count"] += failed_checks
            rows.append(dict(figures, server=server_name, pages=size,
                             operation=operation))
    return rows


def save_variants(port, size, threads):
    """One save request per browser session: path, cookie, form body."""
    fillers = size - 2  # all pages but the FrontPage and the show page
    titles = [seed.filler_title(1 + number % fillers)
              for number in range(SAVE_SESSIONS)]
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        return tuple(pool.map(lambda title: _save_variant(port, title), titles))


def _save_variant(port, title):
    save_path = "/pages/save/" + title
    cookie, fields = wiki_client.open_form(port, "/pages/edit/" + title, save_path)
    fields["content"] = SAVED_TEXT
    return save_path, cookie, wiki_client.encode_form(fields)


def _check_show(port, spec):
    status, _, text = wiki_client.fetch(port, SHOW_PATH)
    return int(status != 200 or "<strong>rendered</strong>" not in text
               or ' wikilink" href="/SeedPage000001"' not in text
               or ' wikilink-missing" href="/MissingPageOne"' not in text)


def _check_list(port, spec):
    status, _, text = wiki_client.fetch(port, LIST_PATH)
    return int(status != 200 or SHOW_TITLE not in text)


def _check_save(port, spec):
    """A save as a browser makes it: redirected to the page, which shows
    the saved text and the flash message the save's session cookie carries.
    """
    path, cookie, body = spec.variants[0]
    title = path.rsplit("/", 1)[1]
    status, headers, _ = wiki_client.fetch(port, path, "POST", body, cookie)
    cookie = wiki_client.cookie_header(headers.get_all("Set-Cookie") or []) or cookie
    shown, _, text = wiki_client.fetch(port, "/" + title, cookie=cookie)
    return int(status != 302 or shown != 200
               or "Saved by the benchmark" not in text
               or "Successfully saved %s!" % title not in text)


#: The sanity check of each operation: the number of failures (0 or 1).
CHECKS = {"show": _check_show, "list": _check_list, "save": _check_save}
