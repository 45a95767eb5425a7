"""The files attached to pages: their list and upload form, uploading and
deleting them, their history, and the files themselves."""

import logging
from urllib.parse import quote

from pylons import app_globals, request, response, url
from pylons import tmpl_context as c
from pylons.controllers.util import abort, redirect
from pylons.decorators.rest import restrict
from pylons.decorators.secure import authenticate_form, require
from pylons.i18n import _

from quickwiki.lib import auth, files, filestore, revisions, uploads
from quickwiki.lib import helpers as h
from quickwiki.lib.base import BaseController, render
from quickwiki.lib.permissions import may_edit, may_read
from quickwiki.lib.wikiwords import is_title, normalise
from quickwiki.model import MAX_SUMMARY_LENGTH

log = logging.getLogger(__name__)

#: What a file's own answer allows: nothing to run, nothing to load, even
#: for a file a browser would show as a page.
FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

#: How long a numbered revision of a file may be kept: it never changes.
A_YEAR = 365 * 24 * 3600


class FilesController(BaseController):
    """The actions behind ``/pages/files/...`` and ``/pages/file/...``."""

    #: The upload form's file, the only field of the wiki's forms that is
    #: no text (see BaseController.__before__).
    file_fields = frozenset(["file"])

    def __before__(self):
        """Refuse an upload larger than the limit before its body is read."""
        limit = app_globals.max_file_size + _FORM_ALLOWANCE
        if request.method == "POST" and (request.content_length or 0) > limit:
            abort(
                413,
                detail=_("A file may have at most %(limit)d bytes.")
                % {"limit": app_globals.max_file_size},
            )
        super().__before__()

    @require(may_read)
    def index(self, title):
        """Page ``title``'s files, and the form that uploads one."""
        self._page_or_404(title)
        c.title = title
        c.files = files.listing(title)
        c.summary = ""
        return render("/files/index.mako")

    @restrict("POST")
    @require(may_edit)
    @authenticate_form
    def upload(self, title):
        """Add the form's file to page ``title``: a new file, or a new
        revision of the file of its name."""
        self._page_or_404(title)
        sent = request.POST.get("file")
        if sent is None or isinstance(sent, str) or not sent.filename:
            abort(400, detail=_("Choose a file to upload."))
        name = (request.POST.get("name") or "").strip() or _file_name(sent.filename)
        name = normalise(name)
        problem = uploads.name_problem(name)
        if problem is not None:
            abort(400, detail=problem)
        data = sent.file.read(app_globals.max_file_size + 1)
        if len(data) > app_globals.max_file_size:
            abort(
                413,
                detail=_("A file may have at most %(limit)d bytes.")
                % {"limit": app_globals.max_file_size},
            )
        try:
            accepted = uploads.accept(data, app_globals.max_image_pixels)
        except uploads.Refused as refusal:
            abort(refusal.status, detail=refusal.message)
        summary = (request.POST.get("summary") or "")[:MAX_SUMMARY_LENGTH]
        added = files.add(
            title, name, accepted, app_globals.file_store, auth.author(), summary
        )
        if added is None:
            abort(
                409,
                detail=_("Others are uploading %(name)s: try again.") % {"name": name},
            )
        log.info("Stored revision %d of %s's file %s", added.number, title, name)
        h.flash(
            _("Uploaded %(name)s (revision %(number)d).")
            % {"name": name, "number": added.number}
        )
        redirect(url("files", title=title))

    @require(may_read)
    def history(self, title, name):
        """The revisions of page ``title``'s file ``name``, newest first."""
        c.title = title
        c.name = name
        c.revisions = files.history(title, name) if is_title(title) else []
        if not c.revisions:
            abort(
                404,
                detail=_("%(title)s has no file %(name)s.")
                % {"title": title, "name": name},
            )
        return render("/files/history.mako")

    @restrict("POST")
    @require(may_edit)
    @authenticate_form
    def delete(self, title, name):
        """Add a revision that deletes page ``title``'s file ``name``."""
        summary = (request.POST.get("summary") or "")[:MAX_SUMMARY_LENGTH]
        deleted = files.delete(title, name, auth.author(), summary)
        if deleted is None:
            h.flash(
                _("%(name)s has no file to delete.") % {"name": name},
                category="warning",
            )
        else:
            log.info("Deleted %s's file %s", title, name)
            h.flash(
                _(
                    "Deleted %(name)s (revision %(number)d). Its history keeps "
                    "every revision."
                )
                % {"name": name, "number": deleted.number}
            )
        redirect(url("files", title=title))

    @require(may_read)
    def show(self, title, name, number=None):
        """The bytes of page ``title``'s file ``name``: its latest revision,
        or revision ``number`` (kept by caches for good, as it never
        changes)."""
        shown = (
            files.latest(title, name)
            if number is None
            else files.revision(title, name, int(number))
        )
        if shown is None or (number is None and shown.deleted):
            abort(
                404,
                detail=_("%(title)s has no file %(name)s.")
                % {"title": title, "name": name},
            )
        try:
            data = app_globals.file_store.get(shown.digest)
        except filestore.NotStored:
            log.error("The store has no file %s (%s/%s)", shown.digest, title, name)
            abort(
                404,
                detail=_("%(title)s has no file %(name)s.")
                % {"title": title, "name": name},
            )
        response.headers["Content-Type"] = shown.media_type
        response.headers["Content-Disposition"] = "%s; filename*=UTF-8''%s" % (
            "inline" if shown.is_image else "attachment",
            quote(name, safe=""),
        )
        response.headers["Content-Security-Policy"] = FILE_POLICY
        response.etag = shown.digest
        response.conditional_response = True
        if number is not None:
            # Instead of the framework's "no-cache" (and Pragma) for pages.
            response.cache_control = "max-age=%d, immutable" % A_YEAR
            del response.headers["Pragma"]
        return data

    def _page_or_404(self, title):
        latest = revisions.head(title) if is_title(title) else None
        if latest is None or latest.deleted:
            abort(
                404,
                detail=_("There is no page called %(title)s to attach files to.")
                % {"title": title},
            )


def _no_such_file(title, name):
    abort(
        404,
        detail=_("%(title)s has no file %(name)s.") % {"title": title, "name": name},
    )


#: What a form adds to its file: the boundaries, the other fields.
_FORM_ALLOWANCE = 16 * 1024


def _file_name(sent_name):
    """The name of a sent file, without the folders some browsers name."""
    return sent_name.replace("\\", "/").rsplit("/", 1)[-1].strip()
