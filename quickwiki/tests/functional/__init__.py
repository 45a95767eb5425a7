"""Tests of QuickWiki's URLs, through the whole application."""
