from pylons import tmpl_context as c, app_globals as g, buffet
from pylons.templating import render
import pylons

def show():
    pylons.buffet.prepare('mako')
    return render('/page.mako', title=pylons.app_globals.title)
