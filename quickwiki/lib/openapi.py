"""The OpenAPI 3.1 description of the JSON API (``/api/v1/openapi.json``).

Written here, next to the limits it names (the page sizes, the longest
query, the title's rule), rather than generated: the API is small, and a
description written for its readers says more than one inferred from the
code.  The tests validate it against the OpenAPI specification and check
each answer of the API against the schema it gives.
"""

from quickwiki.lib.search import MAX_QUERY_LENGTH
from quickwiki.lib.wikiwords import MAX_TITLE_LENGTH
from quickwiki.model import MAX_AUTHOR_LENGTH

__all__ = ["VERSION", "description"]

#: The version of the API this describes.
VERSION = "1.0.0"

_TITLE = {
    "type": "string",
    "pattern": "^[A-Z][a-z0-9]+([A-Z][a-z0-9]+)+$",
    "maxLength": MAX_TITLE_LENGTH,
    "description": "A page title: a WikiWord, such as FrontPage.",
    "examples": ["FrontPage"],
}
_TIME = {"type": "string", "format": "date-time"}
_NEXT = {
    "type": ["string", "null"],
    "format": "uri",
    "description": "The address of the list's next page; null after its last.",
}


def _ref(name):
    return {"$ref": "#/components/schemas/%s" % name}


def _object(properties, description):
    return {
        "type": "object",
        "description": description,
        "required": sorted(properties),
        "properties": properties,
    }


def _parameter(name, where, schema, description, required=False):
    return {
        "name": name,
        "in": where,
        "required": required,
        "schema": schema,
        "description": description,
    }


_TITLE_PATH = _parameter("id", "path", _ref("Title"), "The page's title.", True)
_AFTER = _parameter("after", "query", _ref("Title"), "List the titles after this one.")


def _answer(description, schema):
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


def _errors(*statuses):
    """The error answers ``statuses`` of an operation."""
    meanings = {
        "400": "The query or body is not one the API takes.",
        "401": "Saving needs an account's API token (Authorization: Bearer).",
        "403": "The token's account, or everyone under the wiki's policy, "
        "may not do that.",
        "413": "The source is larger than a page may be.",
        "415": "The body is not JSON.",
        "404": "There is no such page, revision or address.",
        "405": "The address takes no such method.",
        "429": "Too many requests from this client; Retry-After says when "
        "to try again.",
    }
    return {status: _answer(meanings[status], _ref("Error")) for status in statuses}


def _get(summary, description, answer, parameters=(), errors=("400", "404")):
    return {
        "get": {
            "summary": summary,
            "description": description,
            "parameters": list(parameters),
            "responses": {"200": answer, **_errors(*errors)},
        }
    }


_SCHEMAS = {
    "Title": _TITLE,
    "Error": _object(
        {
            "error": _object(
                {
                    "status": {"type": "integer"},
                    "title": {"type": "string"},
                    "detail": {"type": "string"},
                },
                "The HTTP status, its name, and what went wrong.",
            )
        },
        "An error.",
    ),
    "Page": _object(
        {
            "title": _ref("Title"),
            "revision": {"type": "integer", "minimum": 1},
            "source": {
                "type": "string",
                "description": "The reStructuredText of the revision.",
            },
            "html": {
                "type": "string",
                "description": "The revision rendered, as the page shows it: "
                "an HTML fragment, sanitised.",
            },
            "author": {"type": "string"},
            "summary": {"type": "string"},
            "modified": {**_TIME, "description": "When the revision was saved."},
            "created": {**_TIME, "description": "When the page's first revision was."},
            "links": _object(
                {
                    "page": {"type": "string", "format": "uri"},
                    "history": {"type": "string", "format": "uri"},
                    "backlinks": {"type": "string", "format": "uri"},
                },
                "Where the page is shown, and its lists.",
            ),
        },
        "A page's latest revision.",
    ),
    "Save": {
        **_object(
            {
                "source": {"type": "string", "description": "The new text."},
                "base": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "The revision the text was written from: "
                    "the page's latest when it was read, 0 for a new page.",
                },
                "summary": {"type": "string", "maxLength": 200},
            },
            "A new revision of a page.",
        ),
        "required": ["source", "base"],
    },
    "Saved": _object(
        {
            "title": _ref("Title"),
            "revision": {"type": "integer", "minimum": 1},
            "unchanged": {
                "type": "boolean",
                "description": "The text was that of the latest revision "
                "already: nothing was saved.",
            },
            "merged_with": {
                "type": ["integer", "null"],
                "description": "The revision saved since the base, which the "
                "text was merged with (the changes touched other lines).",
            },
        },
        "The page's revision now.",
    ),
    "Conflict": _object(
        {
            "error": {"$ref": "#/components/schemas/Error/properties/error"},
            "current": _object(
                {
                    "revision": {"type": "integer"},
                    "source": {"type": "string"},
                    "deleted": {"type": "boolean"},
                    "author": {"type": "string"},
                    "modified": _TIME,
                },
                "The latest revision, which the save met.",
            ),
        },
        "A save that met a newer revision changing the same lines: nothing "
        "was saved. Merge with current and save again from its revision.",
    ),
    "Titles": _object(
        {"titles": {"type": "array", "items": _ref("Title")}, "next": _NEXT},
        "A page of titles, in order.",
    ),
    "Backlinks": _object(
        {
            "title": _ref("Title"),
            "titles": {"type": "array", "items": _ref("Title")},
            "next": _NEXT,
        },
        "The pages that link to a page, in order of title.",
    ),
    "Revision": _object(
        {
            "number": {"type": "integer", "minimum": 1},
            "created": _TIME,
            "author": {"type": "string"},
            "summary": {"type": "string"},
            "deleted": {
                "type": "boolean",
                "description": "Whether the revision deleted the page.",
            },
            "size": {"type": "integer", "description": "Bytes of UTF-8."},
        },
        "A revision of a page.",
    ),
    "History": _object(
        {
            "title": _ref("Title"),
            "revisions": {"type": "array", "items": _ref("Revision")},
            "next": _NEXT,
        },
        "A page's revisions, newest first.",
    ),
    "Change": _object(
        {
            "page": _ref("Title"),
            "number": {"type": "integer", "minimum": 1},
            "created": _TIME,
            "author": {"type": "string"},
            "address": {
                "type": ["string", "null"],
                "description": "The author's client address, when the wiki keeps them.",
            },
            "summary": {"type": "string"},
            "deleted": {"type": "boolean"},
            "size": {"type": "integer", "description": "Bytes of UTF-8."},
            "growth": {
                "type": "integer",
                "description": "Bytes the revision added (negative: removed).",
            },
        },
        "A revision, as the recent changes list it.",
    ),
    "Changes": _object(
        {"changes": {"type": "array", "items": _ref("Change")}, "next": _NEXT},
        "The latest revisions, newest first.",
    ),
    "Results": _object(
        {
            "query": {"type": "string"},
            "title": {
                "oneOf": [_ref("Title"), {"type": "null"}],
                "description": "The page whose title the query is, if any.",
            },
            "results": {
                "type": "array",
                "items": _object(
                    {
                        "title": _ref("Title"),
                        "snippet": {
                            "type": "string",
                            "description": "HTML: the text around the "
                            "matches, escaped, the matches in <mark>.",
                        },
                    },
                    "A page found.",
                ),
            },
            "narrowed": {
                "type": "boolean",
                "description": "Whether more pages matched than are ranked: "
                "the results are the best of those changed last.",
            },
            "next": _NEXT,
        },
        "Search results, best first.",
    ),
}

_PATHS = {
    "/pages": _get(
        "List the titles",
        "The titles of the pages, in order, a page of them at a time.",
        _answer("The titles.", _ref("Titles")),
        [_AFTER],
        errors=("400",),
    ),
    "/pages/{id}": {
        **_get(
            "Read a page",
            "The page's latest revision: its source, its HTML and their times.",
            _answer("The page.", _ref("Page")),
            [_TITLE_PATH],
            errors=("404",),
        ),
        "put": {
            "summary": "Save a page",
            "description": "Save a new revision, as the account of the API "
            "token, with the edit form's rules: a base older than the latest "
            "revision is merged with the changes since when they touch other "
            "lines, and is otherwise a conflict.",
            "security": [{"token": []}],
            "parameters": [_TITLE_PATH],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("Save")}},
            },
            "responses": {
                "200": _answer("Saved (or unchanged).", _ref("Saved")),
                "201": _answer("The page's first revision was saved.", _ref("Saved")),
                "409": {
                    "description": "A conflict with a newer revision, which "
                    "current holds; or a new page whose title looks like "
                    "another page's, which readers would take it for.",
                    "content": {
                        "application/json": {
                            "schema": {"anyOf": [_ref("Conflict"), _ref("Error")]}
                        }
                    },
                },
                **_errors("400", "401", "403", "413", "415", "429"),
            },
        },
    },
    "/pages/{id}/history": _get(
        "A page's history",
        "The page's revisions, newest first, a page of them at a time.",
        _answer("The revisions.", _ref("History")),
        [
            _TITLE_PATH,
            _parameter(
                "before",
                "query",
                {"type": "integer", "minimum": 2},
                "List the revisions numbered below this.",
            ),
        ],
    ),
    "/pages/{id}/backlinks": _get(
        "What links to a page",
        "The pages whose latest revision links to the page, in order of title.",
        _answer("The linking pages.", _ref("Backlinks")),
        [_TITLE_PATH, _AFTER],
    ),
    "/changes": _get(
        "Recent changes",
        "The latest revisions of the whole wiki, newest first.",
        _answer("The changes.", _ref("Changes")),
        [
            _parameter(
                "before",
                "query",
                {"type": "string", "pattern": "^[A-Za-z0-9]+/[0-9]+$"},
                "List the changes older than this revision (Title/number).",
            ),
            _parameter("title", "query", _ref("Title"), "Only this page's."),
            _parameter(
                "author",
                "query",
                {"type": "string", "maxLength": MAX_AUTHOR_LENGTH},
                "Only this author's.",
            ),
        ],
    ),
    "/search": _get(
        "Search",
        'The pages holding all the words of the query (and its "quoted '
        'phrases"), best first.',
        _answer("The results.", _ref("Results")),
        [
            _parameter(
                "q",
                "query",
                {"type": "string", "maxLength": MAX_QUERY_LENGTH},
                "What to search for.",
            ),
            _parameter(
                "page",
                "query",
                {"type": "integer", "minimum": 1},
                "Which page of the results.",
            ),
        ],
        errors=("400", "429"),
    ),
    "/openapi.json": _get(
        "This description",
        "The OpenAPI description of the API.",
        {
            "description": "An OpenAPI 3.1 document.",
            "content": {"application/json": {}},
        },
        errors=(),
    ),
}


def description(server_url):
    """The OpenAPI document, as a dictionary, of the API at ``server_url``."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "QuickWiki API",
            "version": VERSION,
            "description": "Read the wiki's pages, their histories and links, "
            "its recent changes, and search it; save pages with an account's "
            "API token. Answers and errors are JSON.",
        },
        "servers": [{"url": server_url}],
        "paths": _PATHS,
        "components": {
            "schemas": _SCHEMAS,
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token, which an account makes on "
                    "its account page (/account).",
                }
            },
        },
    }
