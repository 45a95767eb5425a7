"""How QuickWiki is put together: environment, middleware and routes."""
