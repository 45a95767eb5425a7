"""The controllers that answer QuickWiki's URLs."""
