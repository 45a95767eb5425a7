"""Requests that overlap in time, to check the globals stay apart."""

import threading
import time

from pylons import request, session
from pylons import tmpl_context as c

from tests.sampleapp.lib.base import BaseController

#: Set by the test: both requests wait here, so they run at the same time.
barrier = None


class ThreadsController(BaseController):
    def overlap(self):
        c.who = request.params["who"]
        session["who"] = request.params["who"]
        barrier.wait(timeout=10)
        time.sleep(0.05)
        seen = (
            request.params["who"],
            c.who,
            session["who"],
            threading.current_thread().name,
        )
        barrier.wait(timeout=10)
        return "%s,%s,%s" % seen[:3]
