"""What an uploaded file is, told from its content, and made safe to serve.

A file's name and the type its browser claims are not trusted: the bytes
decide.  An image (PNG, JPEG, GIF, WebP) is whatever Pillow can decode
within the pixel limit, and is encoded again from its pixels alone, turned
upright as its EXIF orientation says: what the camera wrote besides (the
place, the device, the time, a colour profile, comments) is not kept, nor
anything hidden after the image's data.  Any other file is accepted only as
one of :data:`OTHER_TYPES`, as puremagic reads it from the bytes, or as
UTF-8 text, which is served as plain text whatever it holds (HTML, SVG);
it is kept as it came, and served as a download.
"""

import io
import unicodedata
from typing import NamedTuple

import puremagic
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from pylons.i18n import N_, _

__all__ = [
    "IMAGE_TYPES",
    "MAX_NAME_LENGTH",
    "OTHER_TYPES",
    "Accepted",
    "Refused",
    "accept",
    "name_problem",
]

#: Pillow's formats that are uploaded as images, and the type each is
#: served with.
IMAGE_TYPES = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
#: The other kinds of file accepted, as puremagic names them; and plain text.
OTHER_TYPES = frozenset(["application/pdf"])
TEXT_TYPE = "text/plain; charset=utf-8"

#: The longest name a file may have.
MAX_NAME_LENGTH = 100

# Characters a file name may not hold: path separators, and those a
# Content-Disposition header or a shell would read otherwise.
_FORBIDDEN_IN_NAMES = frozenset('/\\:*?"<>|')

# What a refusal says (translated when said).
_TOO_MANY_PIXELS = N_("The wiki takes images of at most %(limit)d pixels.")
_DAMAGED = N_("The image could not be read: it is damaged.")
_UNKNOWN_KIND = N_(
    "The wiki takes images (PNG, JPEG, GIF, WebP), PDF files and plain text "
    "(UTF-8); this file is none of them."
)


class Accepted(NamedTuple):
    """An upload as it is stored: its ``data``, the ``media_type`` it is
    served with, and an image's ``width`` and ``height`` (None otherwise)."""

    data: bytes
    media_type: str
    width: int | None = None
    height: int | None = None

    @property
    def is_image(self):
        return self.width is not None


class Refused(ValueError):
    """An upload the wiki does not take: ``status`` (413 for too large,
    415 for an unknown kind) and a ``message`` for its sender."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def name_problem(name):
    """Why ``name`` cannot name a file; None when it can.

    A name is text of at most :data:`MAX_NAME_LENGTH` characters, in NFC,
    without separators, control characters or a leading dot.
    """
    if not name or len(name) > MAX_NAME_LENGTH:
        return _("A file's name has 1 to %(length)d characters.") % {
            "length": MAX_NAME_LENGTH
        }
    if not unicodedata.is_normalized("NFC", name):
        return _("A file's name is in Unicode's composed form (NFC).")
    if name.startswith(".") or name != name.strip():
        return _("A file's name starts with neither a dot nor a space.")
    if any(
        character in _FORBIDDEN_IN_NAMES or unicodedata.category(character)[0] == "C"
        for character in name
    ):
        return _(
            "A file's name holds none of / \\ : * ? \" < > | nor control characters."
        )
    return None


def accept(data, max_pixels):
    """``data`` as the wiki stores it, an :class:`Accepted`; or raise
    :class:`Refused`.

    An image of more than ``max_pixels`` pixels is refused before it is
    decoded.
    """
    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        return _other(data)
    except Image.DecompressionBombError as exc:
        raise Refused(413, _(_TOO_MANY_PIXELS) % {"limit": max_pixels}) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise Refused(415, _(_DAMAGED)) from exc
    with image:
        if image.format not in IMAGE_TYPES:
            return _other(data)
        if image.width * image.height > max_pixels:
            raise Refused(413, _(_TOO_MANY_PIXELS) % {"limit": max_pixels})
        try:
            return _encoded_again(image)
        # Whatever a damaged image makes Pillow fail with is the upload's
        # fault: it is refused, never a 500.
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            raise Refused(415, _(_DAMAGED)) from exc


def _encoded_again(image):
    """``image`` encoded anew from its pixels, in its own format."""
    format_ = image.format
    frames = [_clean(ImageOps.exif_transpose(frame)) for frame in _frames(image)]
    first = frames[0]
    options = {}
    if len(frames) > 1:
        # An animation stays one: its frames and their timing, nothing else.
        options.update(
            save_all=True,
            append_images=frames[1:],
            duration=image.info.get("duration", 100),
            loop=image.info.get("loop", 0),
        )
    if format_ == "JPEG":
        first = first.convert("RGB") if first.mode not in ("RGB", "L") else first
        options.update(quality=90, optimize=True)
    elif format_ == "PNG":
        options.update(optimize=True)
    encoded = io.BytesIO()
    first.save(encoded, format=format_, **options)
    return Accepted(encoded.getvalue(), IMAGE_TYPES[format_], first.width, first.height)


def _frames(image):
    """The frames of ``image``: one, or each of an animation's."""
    if getattr(image, "n_frames", 1) == 1:
        return [image]
    return [frame.copy() for frame in ImageSequence.Iterator(image)]


def _clean(frame):
    """A new image of ``frame``'s pixels (and palette) alone: none of the
    metadata Pillow read with it comes along."""
    frame.load()
    mode = frame.mode
    if mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        mode = "RGBA" if "A" in frame.getbands() else "RGB"
        frame = frame.convert(mode)
    clean = Image.frombytes(mode, frame.size, frame.tobytes())
    if mode == "P":
        clean.putpalette(frame.getpalette())
        if "transparency" in frame.info:
            clean.info["transparency"] = frame.info["transparency"]
    return clean


def _other(data):
    """A file that is no image: one of the kinds taken, or refused."""
    try:
        media_type = puremagic.from_string(data, mime=True)
    except puremagic.PureError:
        media_type = None
    if media_type in OTHER_TYPES:
        return Accepted(data, media_type)
    # Text of any kind (HTML, SVG, CSV...) is served as plain text, to be
    # downloaded: a browser runs nothing of it.
    if (media_type is None or media_type.startswith("text/")) and _is_text(data):
        return Accepted(data, TEXT_TYPE)
    raise Refused(415, _(_UNKNOWN_KIND))


def _is_text(data):
    """Whether ``data`` is UTF-8 text without control characters but line
    breaks, tabs and form feeds."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(
        unicodedata.category(character) == "Cc" and character not in "\t\n\r\f"
        for character in text
    )
