"""What QuickWiki's controllers and templates share."""
