"""QuickWiki, the wiki of the Pylons 1.0 tutorial."""
