"""Helpers"""
from pylons import c, g, request, tmpl_context as tc
from pylons.helpers import abort, log
from webhelpers.html import literal, escape
from webhelpers.html.tags import *
from webhelpers.html.tags import form, title, link_to
from webhelpers.pylonslib import Flash as _Flash
from webhelpers.pylonslib.secure_form import secure_form
from webhelpers import paginate
from webhelpers import date, text
from webhelpers.rails import *
import webhelpers.html.tags as tags
flash = _Flash()
x = pylons.c.title
lookup = TemplateLookup(imports=['from webhelpers.html import escape'])
from webhelpers import date, paginate
import webhelpers.html
from webhelpers.html import title as t
