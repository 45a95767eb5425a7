"""Actions cached with beaker_cache, for its tests through the whole stack."""

from pylons import response
from pylons.decorators.cache import beaker_cache

from tests.sampleapp.lib.base import BaseController

runs = []


class CachedController(BaseController):
    @beaker_cache(cache_headers=("content-type", "x-made"))
    def page(self, id=None):
        runs.append(id)
        response.status_int = 203
        response.content_type = "text/plain"
        response.headers["X-Made"] = "run %d" % len(runs)
        response.headers["X-Not-Kept"] = "run %d" % len(runs)
        return "page %s, run %d" % (id, len(runs))

    @beaker_cache(cache_response=False)
    def bare(self):
        runs.append("bare")
        response.headers["X-Made"] = "run %d" % len(runs)
        return "bare, run %d" % len(runs)

    @beaker_cache()
    def built(self):
        runs.append("built")
        response.body = b"built the response, run %d" % len(runs)
