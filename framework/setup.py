"""Distribution metadata for Pylons, the Pylons 1.0 API on Python 3."""
import re

from setuptools import find_namespace_packages, setup

with open("README.md", encoding="utf-8") as readme:
    long_description = readme.read()
# The version lives in one place: pylons.__version__.
with open("pylons/__init__.py", encoding="utf-8") as package:
    version = re.search(r'^__version__ = "(.+)"$', package.read(),
                        re.MULTILINE).group(1)

setup(
    name="Pylons",
    version=version,
    description="The Pylons 1.0 web framework API, rewritten for Python 3",
    long_description=long_description,
    long_description_content_type="text/markdown",
    license="MIT",
    python_requires=">=3.10",
    # The project templates are data directories inside the package;
    # naming them as namespace packages ships them without warnings.
    packages=find_namespace_packages(include=["pylons", "pylons.*"]),
    include_package_data=True,
    zip_safe=False,
    classifiers=[
        "Framework :: Pylons",
        "Programming Language :: Python :: 3",
        "Topic :: Internet :: WWW/HTTP :: WSGI :: Application",
    ],
    install_requires=[
        "WebOb>=1.8.7",
        "Routes>=2.5.1",
        "Beaker>=1.12.1",
        "Paste>=3.7.1",
        # The static files of the project template's make_app (6.8: the
        # first release for Python 3.13).
        "whitenoise>=6.8",
        "PasteDeploy>=3.0.1",
        "PasteScript>=3.6.0",
        # PasteScript finds commands, templates and installers through
        # pkg_resources, which setuptools dropped in release 81, and from
        # 80.9 on warns about on every paster command; before 75.8.2 it
        # could not match requirements such as Routes' "repoze.lru" to
        # distributions installed under normalised names
        # ("repoze_lru-0.8.dist-info").
        "setuptools>=75.8.2,<80.9",
        "Mako>=1.2.4",
        "FormEncode>=2.0.1",
        "WebHelpers2>=2.0",
        # allow_debug, which keeps the debugger to local requests.
        "backlash>=0.5.1",
        "MarkupSafe>=2.1",
        # The server of the configs paster make-config writes; 3.0.1 fixed
        # request smuggling and resource exhaustion bugs.
        "waitress>=3.0.1",
        # pylons.test (the nose2 plugin) and the generated projects' tests.
        "WebTest>=3.0.0",
        "nose2>=0.12",
    ],
    extras_require={
        "jinja2": ["Jinja2>=3.1"],
        "genshi": ["Genshi>=0.7.9"],
        # Babel compiles the i18n tests' message catalogues.
        "test": ["Jinja2>=3.1", "Genshi>=0.7.9", "SQLAlchemy>=2.0",
                 "Babel>=2.12"],
    },
    entry_points={
        "paste.app_install": ["main = pylons.scaffolding:PylonsInstaller"],
        "paste.paster_command": [
            "controller = pylons.commands:ControllerCommand",
            "restcontroller = pylons.commands:RestControllerCommand",
            "routes = pylons.commands:RoutesCommand",
            "shell = pylons.commands:ShellCommand",
        ],
        "paste.paster_create_template": [
            "pylons = pylons.scaffolding:PylonsTemplate",
            "pylons_minimal = pylons.scaffolding:MinimalPylonsTemplate",
        ],
        "paste.filter_factory": [
            "debugger = pylons.middleware:debugger_filter_factory",
        ],
        "paste.filter_app_factory": [
            "debugger = pylons.middleware:debugger_filter_app_factory",
        ],
    },
)
