"""Where the wikis' time goes: each operation under cProfile, in process.

The HTTP figures say how fast each operation is; this says why.  Each
wiki is loaded from its benchmark ini with Paste Deploy, as ``paster
serve`` loads it, and called as WSGI in this process (no server, no
sockets), so the profile holds only the wiki, its framework and the
libraries below.  Saves rotate over several sessions, for the reason
given in :mod:`wiki_bench`, and each sends a text of its own.
"""

import os

import overhead
import profile_report
import wiki_client
import wiki_server  # noqa: F401  (makes the peer importable)
from paste.deploy import loadapp
from seed import SHOW_TITLE, filler_title
from webob import Request

_WARMUP = 10
_SAVES_PER_SESSION = 10


def profile_operations(quickwiki_ini, peer_ini, calls, directory):
    """Profile ``calls`` requests of each operation of both wikis; a
    summary per ``app:operation``.

    Writes ``profile-<app>-<operation>.txt`` into ``directory``.
    """
    quickwiki = loadapp("config:" + os.path.abspath(quickwiki_ini))
    peer = loadapp("config:" + os.path.abspath(peer_ini))
    operations = {
        ("quickwiki", "show"): (
            quickwiki,
            lambda count, first: [_get(wiki_client.SHOW_PATH)] * count,
        ),
        ("quickwiki", "list-first"): (
            quickwiki,
            lambda count, first: [_get(wiki_client.LIST_FIRST_PATH)] * count,
        ),
        ("quickwiki", "list-last"): (
            quickwiki,
            lambda count, first: [_get(wiki_client.LIST_LAST_PATH)] * count,
        ),
        ("quickwiki", "save"): (
            quickwiki,
            lambda count, first: _save_environs(quickwiki, count, first),
        ),
        ("wiki2", "show"): (
            peer,
            lambda count, first: [_get("/" + SHOW_TITLE)] * count,
        ),
    }
    summaries = {}
    for (app_name, operation), (app, make) in operations.items():
        overhead.profile(app, make(_WARMUP, 0))
        stats = overhead.profile(app, make(calls, _WARMUP))
        name = "profile-%s-%s.txt" % (app_name, operation)
        with open(os.path.join(directory, name), "w", encoding="utf-8") as out:
            out.write(
                profile_report.render_text(
                    stats, calls, "%s in process: %s" % (app_name, operation)
                )
            )
        summaries["%s:%s" % (app_name, operation)] = dict(
            profile_report.summary(stats, calls, limit=10), text_file=name
        )
    return summaries


def _get(path, cookie=None):
    headers = {"Cookie": cookie} if cookie else {}
    return Request.blank(path, headers=headers).environ


def _save_environs(app, calls, first):
    """Save requests numbered from ``first``, as a browser makes them from
    freshly opened edit forms, each with a text of its own.  The saves of
    one form follow each other, each from the revision the one before made.
    """
    environs = []
    for number in range(first, first + calls):
        if number % _SAVES_PER_SESSION == 0 or not environs:
            title = filler_title(1 + number // _SAVES_PER_SESSION)
            save_path = "/pages/save/" + title
            _, headers, body = overhead.call(app, _get("/pages/edit/" + title))
            cookie = wiki_client.cookie_header(
                [value for name, value in headers if name.lower() == "set-cookie"]
            )
            fields = wiki_client.form_fields(body.decode(), save_path)
            base = int(fields["base"])
        else:
            base += 1
        fields["base"] = str(base)
        fields["content"] = wiki_client.save_text("profile", number)
        environs.append(
            Request.blank(
                save_path,
                method="POST",
                body=wiki_client.encode_form(fields).encode(),
                headers={
                    "Cookie": cookie,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            ).environ
        )
    return environs
