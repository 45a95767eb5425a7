"""Distribution metadata for QuickWiki, the wiki of the Pylons 1.0 tutorial."""

from setuptools import find_namespace_packages, setup

setup(
    name="QuickWiki",
    version="1.0.0",
    description="QuickWiki, the Pylons 1.0 tutorial wiki, on Python 3",
    python_requires=">=3.10",
    # public/, templates/ and i18n/ hold no Python but ship with the package;
    # naming them as namespace packages ships them without warnings.
    packages=find_namespace_packages(include=["quickwiki", "quickwiki.*"]),
    package_data={
        "quickwiki": [
            "config/deployment.ini_tmpl",
            "public/*",
            "templates/*.mako",
            "templates/*/*.mako",
            "i18n/*.pot",
            "i18n/babel.cfg",
            "i18n/*/LC_MESSAGES/*.po",
            "i18n/*/LC_MESSAGES/*.mo",
        ],
    },
    include_package_data=True,
    zip_safe=False,
    install_requires=[
        # The Python 3 Pylons of this repository (framework/): PyPI's
        # Pylons 1.0.3 is Python 2 only.
        "Pylons>=1.1.0.dev0",
        "SQLAlchemy>=2.0",
        # The schema's migrations, run by paster setup-app.
        "alembic>=1.13",
        # Three-way merges of edits made at the same time.
        "merge3>=1.0.0",
        # Account passwords, hashed with Argon2id.
        "argon2-cffi>=23.1.0",
        # Each client's rate limits and quotas (quickwiki.lib.limiting).
        "limits>=5.0",
        "docutils>=0.19",
        # Highlights the code blocks of pages (docutils' code directive).
        "Pygments>=2.15",
        # WikiWords in any script with capital letters (Unicode classes),
        # and the look-alikes of a title (Unicode's confusables data).
        "regex>=2023.0",
        "confusable-homoglyphs>=3.3",
        # Uploads: images decoded and re-encoded, other files' kinds read
        # from their content, and the S3-compatible store.
        "Pillow>=10.0",
        "puremagic>=1.20",
        "boto3>=1.28",
        # The Atom feeds of recent changes and of each page's history.
        "feedgen>=1.0",
        # The bodies of public pages kept in memory, within a size in bytes.
        "cachetools>=5.0",
        "nh3>=0.2.14",
        "Beaker>=1.12.1",
        "FormEncode>=2.0.1",
        "Mako>=1.2.4",
        "MarkupSafe>=2.1",
        "Paste>=3.7.1",
        "PasteDeploy>=3.0.1",
        "PasteScript>=3.6.0",
        "Routes>=2.5.1",
        "WebHelpers2>=2.0",
        "WebOb>=1.8.7",
        # The server of development.ini and of the configs make-config writes.
        "waitress>=3.0.1",
        "whitenoise>=6.8",
        # The optional JSON log format, and the optional /metrics.
        "python-json-logger>=3.1",
        "prometheus-client>=0.20",
    ],
    extras_require={
        "test": [
            "WebTest>=3.0.0",
            "beautifulsoup4>=4.9",
            "hypothesis>=6.0",
            "nose2>=0.12",
            "playwright>=1.40",
            # The Atom feeds are read back as a feed reader reads them, and
            # the API's OpenAPI description is checked against its spec.
            "feedparser>=6.0",
            "openapi-spec-validator>=0.7",
            # axe-core's axe.min.js, which the browser test runs in every
            # kind of page (WCAG 2.2 AA); the wiki never serves it.
            "axe-playwright-python>=0.1.8",
            # The framework's tests are measured (framework/pyproject.toml).
            "coverage>=7.4",
            # Extracts and compiles the message catalogues
            # (scripts/translations), and checks the committed ones.
            "Babel>=2.14",
            # A local S3-compatible server (moto's, which runs on Flask),
            # for the tests of the uploads' store.
            "moto[s3]>=5.0",
            "flask>=3.0",
            "flask-cors>=4.0",
            # The rate limits' Redis storage is tested on a throwaway server.
            "limits[redis]>=5.0",
        ],
        # quickwiki.rate_limit_storage = redis://...: the rate limits of
        # several processes, counted in Redis instead of the database.
        "redis": ["limits[redis]>=5.0"],
        # sqlalchemy.url = postgresql+psycopg://...; the binary package
        # brings its own libpq.
        "postgresql": ["psycopg[binary]>=3.1"],
        # The checks scripts/run-tests and tox run besides the tests. Ruff
        # changes its formatting style between minor releases: one is
        # pinned, so that a check passes or fails the same everywhere.
        "lint": ["ruff>=0.17,<0.18", "mypy>=1.11", "types-WebOb>=1.8.11"],
        # Furo: a theme that reads well on a phone (docs/conf.py says why).
        "docs": ["Sphinx>=7.2", "furo>=2024.8.6"],
    },
    paster_plugins=["PasteScript", "Pylons"],
    entry_points={
        "paste.app_factory": ["main = quickwiki.config.middleware:make_app"],
        "paste.app_install": ["main = pylons.util:PylonsInstaller"],
        # waitress, stopping gracefully: [server:main] use = egg:QuickWiki#waitress
        "paste.server_runner": ["waitress = quickwiki.server:serve"],
        # Global, so that paster finds them in a deployment's directory, as
        # it finds setup-app: not only inside QuickWiki's checkout.
        "paste.global_paster_command": [
            "dump-wiki = quickwiki.commands:DumpWikiCommand",
            "load-wiki = quickwiki.commands:LoadWikiCommand",
            "account = quickwiki.commands:AccountCommand",
        ],
    },
)
