from pylons import c, g, buffet
from pylons.templating import render
import pylons

def show():
    pylons.buffet.prepare('mako')
    return render('/page.mako', title=pylons.g.title)
