"""The sample application's app_globals."""

from beaker.cache import CacheManager
from beaker.util import parse_cache_config_options


class Globals:
    def __init__(self, config):
        self.message = "hello from app_globals"
        self.counter = 0
        # The CacheManager a Pylons 1.0 project keeps on app_globals.
        self.cache = CacheManager(**parse_cache_config_options(config))
