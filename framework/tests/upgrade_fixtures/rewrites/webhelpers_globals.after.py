"""Helpers"""
from pylons import tmpl_context as c, app_globals as g, request, tmpl_context as tc
from pylons.controllers.util import abort
from webhelpers2.html import literal, escape
from webhelpers2.html.tags import *
from webhelpers2.html.tags import form, link_to
from pylons.flash import Flash as _Flash
from pylons.secure_form import secure_form
import paginate
from webhelpers2 import date, text
from webhelpers.rails import *
import webhelpers2.html.tags as tags
flash = _Flash()
x = pylons.tmpl_context.title
lookup = TemplateLookup(imports=['from webhelpers2.html import escape'])
from webhelpers import date, paginate
import webhelpers.html
