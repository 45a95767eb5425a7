from pylons.controllers.util import abort, redirect_to
from routes import url_for
import webhelpers.html.tags as tags

class PagesController(BaseController):
    def save(self, title):
        redirect_to(action='show', title=title)
    def go(self):
        redirect_to('/pages', _code=301)
    def link(self):
        return url_for(controller='pages', action='index') + h.url_for('home')
    def back(self):
        h.redirect_to(controller='pages')
