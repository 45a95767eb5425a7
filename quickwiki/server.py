"""The server ``paster serve`` runs the wiki with: waitress, stopping gracefully.

``[server:main]``'s ``use = egg:QuickWiki#waitress`` takes every setting
``egg:waitress#main`` takes, and one more, ``graceful_timeout``.  Told to
stop (SIGTERM, as ``systemctl stop`` and ``restart`` send it, or Ctrl-C),
the server takes the connections the kernel has queued for it, then
closes its listening socket, so that nginx sends new requests to the
wiki's other processes (a refused connection is one nginx passes on),
finishes the requests it has, for at most ``graceful_timeout`` seconds,
then exits.  waitress alone ends at once, cutting the responses it is
sending: a rolling restart would fail requests.  Closing the listener
with connections queued would reset them too, after nginx had sent a
request on each, and nginx passes on no form posted so (it may have been
saved): the author of a save at the moment of a restart would get a 502.

As the framework's ``egg:Pylons#waitress`` does, it ends ``paster serve``
with one line naming the address when its port is taken.

It logs one line when it starts serving, and one when it stops, with the
``quickwiki.server`` logger at INFO: the level at which the config that
``paster make-config`` writes shows the wiki's own messages.
"""

import logging
import selectors
import signal
import time

from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server

import pylons.server

__all__ = ["serve"]

log = logging.getLogger(__name__)

#: How long the requests in hand may take once the server is told to stop.
DEFAULT_GRACEFUL_TIMEOUT = 20.0

#: How long a stopping server waits for the first request of a connection
#: that has sent nothing yet: nginx sends its request as soon as it has
#: connected.
FIRST_REQUEST_WAIT = 2.0


def serve(wsgi_app, global_conf, graceful_timeout=DEFAULT_GRACEFUL_TIMEOUT, **settings):
    """Serve ``wsgi_app`` with waitress's ``settings`` until told to stop
    (the ``paste.server_runner``)."""
    with pylons.server.listening(global_conf, settings):
        server = create_server(wsgi_app, **settings)
    listening = ", ".join(
        "http://%s:%s" % (listener.effective_host, listener.effective_port)
        for listener in _listeners(server)
    )
    stop = _StopRequest()
    signal.signal(signal.SIGTERM, stop)
    log.info("Serving on %s", listening)
    try:
        while not stop.requested:
            _loop_once(server)
    except KeyboardInterrupt:
        pass
    _drain(server, float(graceful_timeout))
    log.info("Stopped serving on %s", listening)


class _StopRequest:
    """A signal handler that notes the request to stop.

    It raises nothing, as the loop may be anywhere in waitress's code;
    the loop sees it within its poll's timeout (a second, waitress's
    ``asyncore_loop_timeout``).
    """

    requested = False

    def __call__(self, signum, frame):
        self.requested = True


def _dispatchers(server):
    """The sockets the server's loop watches: listening and connected."""
    # A server of one address is its own listener and map; one of several
    # (waitress's MultiSocketServer) has a listener each, in one map.
    return getattr(server, "map", None) or server._map


def _listeners(server):
    return [d for d in _dispatchers(server).values() if isinstance(d, BaseWSGIServer)]


def _loop_once(server, timeout=None):
    wasyncore.loop(
        timeout=server.adj.asyncore_loop_timeout if timeout is None else timeout,
        map=_dispatchers(server),
        use_poll=server.adj.asyncore_use_poll,
        count=1,
    )


def _drain(server, timeout):
    """Take the connections queued, stop listening, finish the requests in
    hand within ``timeout`` seconds, and stop the threads that run them."""
    sockets = _dispatchers(server)
    for listener in _listeners(server):
        _accept_queued(listener)
        # The dispatcher's own close: the server's would close the trigger
        # that the threads wake the loop with, which the draining needs.
        wasyncore.dispatcher.close(listener)
    busy = _busy_channels(sockets)
    if busy:
        log.info(
            "Stopping: finishing the requests in hand (%d), for at most %g seconds",
            busy,
            timeout,
        )
    deadline = time.monotonic() + timeout
    while _busy_channels(sockets) and time.monotonic() < deadline:
        _loop_once(server, timeout=0.05)
    unfinished = _busy_channels(sockets)
    if unfinished:
        log.warning(
            "Stopping with requests unfinished (%d) after %g seconds",
            unfinished,
            timeout,
        )
    server.task_dispatcher.shutdown()


def _accept_queued(listener):
    """Accept every connection the kernel has queued for ``listener``,
    whatever waitress's ``connection_limit``."""
    with selectors.DefaultSelector() as queue:
        queue.register(listener.socket, selectors.EVENT_READ)
        while queue.select(timeout=0):
            connections = len(listener._map)
            listener.handle_accept()
            if len(listener._map) == connections:
                # An accept that failed (it logs why, e.g. too many open
                # files) would fail again.
                break


def _busy_channels(sockets):
    """How many connections have a request being read, run or answered,
    or have just been opened and sent nothing yet."""
    now = time.time()
    return sum(
        1
        for channel in list(sockets.values())
        if isinstance(channel, HTTPChannel)
        and (
            channel.requests
            or channel.total_outbufs_len
            or channel.request
            or _awaits_first_request(channel, now)
        )
    )


def _awaits_first_request(channel, now):
    """Whether ``channel`` has received nothing since it was opened, less
    than ``FIRST_REQUEST_WAIT`` seconds ago."""
    # waitress notes the time of each read in last_activity.
    return (
        channel.last_activity == channel.creation_time
        and now - channel.creation_time < FIRST_REQUEST_WAIT
    )
