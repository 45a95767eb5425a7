"""QuickWiki's URLs, and the controller action each one runs.

Routes tries them in order, so the catch-all ``/{title}`` comes last.  No
WikiWord can be ``pages`` or ``error``, so it never hides a fixed address.
"""
from routes import Mapper


def make_map(config):
    """The Routes mapper of the application configured by ``config``."""
    mapper = Mapper(directory=config["pylons.paths"]["controllers"],
                    always_scan=config["debug"])
    mapper.minimization = False
    mapper.explicit = False
    mapper.connect("/error/document", controller="error", action="document")
    mapper.connect("home", "/", controller="pages", action="show",
                   title="FrontPage")
    mapper.connect("pages", "/pages", controller="pages", action="index")
    mapper.connect("show_page", "/pages/show/{title}", controller="pages",
                   action="show")
    mapper.connect("edit_page", "/pages/edit/{title}", controller="pages",
                   action="edit")
    mapper.connect("save_page", "/pages/save/{title}", controller="pages",
                   action="save")
    mapper.connect("delete_pages", "/pages/delete", controller="pages",
                   action="delete")
    mapper.connect("page", "/{title}", controller="pages", action="show")
    return mapper
