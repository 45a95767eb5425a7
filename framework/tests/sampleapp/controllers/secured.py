"""Actions served over HTTPS only, for the tests of the https decorator."""

from pylons import url
from pylons.decorators.secure import https

from tests.sampleapp.lib.base import BaseController

runs = []


class SecuredController(BaseController):
    @https()
    def index(self):
        runs.append("index")
        return "served over https"

    @https("/secured/landing")
    def elsewhere(self):
        return "never reached over http"

    @https(lambda: url(controller="secured", action="landing", id="computed"))
    def computed(self):
        return "never reached over http"
