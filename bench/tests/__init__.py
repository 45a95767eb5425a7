"""Unit tests of the benchmark's own logic (no timing is asserted).

Run from the repository root: python -m unittest discover -s bench/tests -t bench
"""
