from pylons.controllers.util import abort, redirect
import webhelpers2.html.tags as tags
from pylons import url

class PagesController(BaseController):
    def save(self, title):
        redirect(url.current(action='show', title=title))
    def go(self):
        redirect(url('/pages'), code=301)
    def link(self):
        return url(controller='pages', action='index') + url('home')
    def back(self):
        redirect(url(controller='pages'))
