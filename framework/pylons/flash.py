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
    ``default_category`` is used when a message names none.  The queue
    holds the newest ``max_messages`` messages, each cut to
    ``max_length`` characters: a session kept in a cookie has room for a
    few kilobytes, and a page of messages is read by nobody.
    """

    def __init__(
        self,
        session_key: str = "flash",
        categories: Collection[str] | None = None,
        default_category: str = "notice",
        max_messages: int = 5,
        max_length: int = 300,
    ) -> None:
        self.session_key = session_key
        self.categories = categories
        self.default_category = default_category
        self.max_messages = max_messages
        self.max_length = max_length

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
        text = str(message)
        if len(text) > self.max_length:
            text = text[: self.max_length - 1] + "\u2026"
        entry = [category, text]
        if not (ignore_duplicate and entry in queued):
            queued.append(entry)
            del queued[: -self.max_messages]
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
