"""Where QuickWiki's time goes: its three operations under cProfile.

The HTTP figures say how fast each operation is; this says why.  The app
is loaded from the benchmark's ini with Paste Deploy, as ``paster serve``
loads it, and called as WSGI in this process (no server, no sockets), so
the profile holds only QuickWiki, the framework and the libraries below.
Saves rotate over several sessions, for the reason given in
:mod:`wiki_bench`.
"""
import os

from paste.deploy import loadapp
from webob import Request

import overhead
import profile_report
import wiki_client
from seed import filler_title

_WARMUP = 10
_SAVES_PER_SESSION = 10


def profile_operations(ini_path, calls, directory):
    """Profile ``calls`` requests of each operation; a summary per operation.

    Writes ``profile-quickwiki-<operation>.txt`` into ``directory``.
    """
    app = loadapp("config:" + os.path.abspath(ini_path))
    environs = {
        "show": lambda count: [_get(wiki_client.SHOW_PATH)] * count,
        "list": lambda count: [_get(wiki_client.LIST_PATH)] * count,
        "save": lambda count: _save_environs(app, count),
    }
    summaries = {}
    for operation, make in environs.items():
        overhead.profile(app, make(_WARMUP))
        stats = overhead.profile(app, make(calls))
        name = "profile-quickwiki-%s.txt" % operation
        with open(os.path.join(directory, name), "w", encoding="utf-8") as out:
            out.write(profile_report.render_text(
                stats, calls, "QuickWiki in process: %s" % operation))
        summaries[operation] = dict(profile_report.summary(stats, calls, limit=10),
                                    text_file=name)
    return summaries


def _get(path, cookie=None):
    headers = {"Cookie": cookie} if cookie else {}
    return Request.blank(path, headers=headers).environ


def _save_environs(app, calls):
    """Save requests as a browser makes them, from freshly opened edit forms."""
    environs = []
    for number in range(calls):
        if number % _SAVES_PER_SESSION == 0:
            title = filler_title(1 + number // _SAVES_PER_SESSION)
            save_path = "/pages/save/" + title
            _, headers, body = overhead.call(app, _get("/pages/edit/" + title))
            cookie = wiki_client.cookie_header(
                [value for name, value in headers if name.lower() == "set-cookie"])
            fields = wiki_client.form_fields(body.decode(), save_path)
            fields["content"] = wiki_client.SAVED_TEXT
            form = wiki_client.encode_form(fields)
        environs.append(Request.blank(
            save_path, method="POST", body=form.encode(),
            headers={"Cookie": cookie,
                     "Content-Type": "application/x-www-form-urlencoded"}).environ)
    return environs
