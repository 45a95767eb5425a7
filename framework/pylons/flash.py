"""One-time messages to the user, kept in the session until shown.

An action calls ``flash("Saved!")`` before redirecting; the next page
calls ``flash.pop_messages()`` and shows each message once.  Messages
carry a category (``'notice'``, ``'warning'``, ``'error'``, ... as the
application decides) for styling.

Usually a project's ``lib/helpers.py`` makes one::

    from pylons.flash import Flash
    flash = Flash()
"""

from __future__ import annotations

from collections.abc import Collection

from markupsafe import Markup, escape

import pylons

__all__ = ["Flash", "Message"]


class Message:
    """A flashed message and its category; renders as escaped text."""

    def __init__(self, category: str, message: str) -> None:
        self.category = category
        self.message = message

    def __str__(self) -> str:
        return str(self.message)

    def __html__(self) -> Markup:
        return escape(self.message)

    def __repr__(self) -> str:
        return "<Message %s: %r>" % (self.category, self.message)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.category, self.message) == (
            other.category,
            other.message,
        )


class Flash:
    """Queues messages in the session under ``session_key``.

    ``categories`` limits the categories allowed (None: any);
    ``default_category`` is used when a message names none.
    """

    def __init__(
        self,
        session_key: str = "flash",
        categories: Collection[str] | None = None,
        default_category: str = "notice",
    ) -> None:
        self.session_key = session_key
        self.categories = categories
        self.default_category = default_category

    def __call__(
        self,
        message: object,
        category: str | None = None,
        ignore_duplicate: bool = False,
    ) -> None:
        """Queue ``message``; with ``ignore_duplicate``, only once."""
        category = category or self.default_category
        if self.categories is not None and category not in self.categories:
            raise ValueError(
                "Unknown flash category %r (allowed: %s)"
                % (category, ", ".join(self.categories))
            )
        session = pylons.session
        queued = session.setdefault(self.session_key, [])
        entry = [category, str(message)]
        if not (ignore_duplicate and entry in queued):
            queued.append(entry)
        session.save()

    def pop_messages(self) -> list[Message]:
        """The queued messages, oldest first, now removed from the session."""
        session = pylons.session
        queued = session.pop(self.session_key, [])
        if queued:
            session.save()
        return [Message(category, message) for category, message in queued]

    def has_messages(self) -> bool:
        """Whether messages wait to be shown."""
        return bool(pylons.session.get(self.session_key))
