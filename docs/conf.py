"""Sphinx configuration for the QuickWiki and Pylons documentation."""

project = "QuickWiki"
author = "The QuickWiki team"
copyright = "2026, the QuickWiki team"
release = "1.0.0"

extensions = []
templates_path = []
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path = []
