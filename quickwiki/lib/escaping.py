"""The filter that escapes every value a template writes (Mako's
``default_filters``).

markupsafe's ``escape`` gives a ``Markup`` of each value, for code that
goes on joining it with more markup; a template only writes the text, so
building the ``Markup`` (more than half of an escape's time, dozens a
page, hundreds a history) buys nothing there.  This filter writes the
same text: the five characters markupsafe escapes, as the same entities;
markup (anything with ``__html__``) as it says; any other value as its
text, escaped.
"""

from markupsafe import escape as escape_to_markup

__all__ = ["escape"]


def escape(value):
    """``value`` as HTML text, as :func:`markupsafe.escape` writes it;
    a string or an integer as a plain string."""
    kind = type(value)
    if kind is str:
        if not (
            "&" in value or ">" in value or "<" in value or "'" in value or '"' in value
        ):
            # Most text has none of them: five searches, not five calls.
            return value
        return (
            value.replace("&", "&amp;")
            .replace(">", "&gt;")
            .replace("<", "&lt;")
            .replace("'", "&#39;")
            .replace('"', "&#34;")
        )
    if kind is int:
        # Digits, and a minus sign: nothing to escape.
        return str(value)
    # Markup as it is, anything else as its text, escaped.
    return escape_to_markup(value)
