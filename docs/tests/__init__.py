"""Tests of the documentation: the reference covers pylons, the tutorial runs."""
