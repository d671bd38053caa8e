"""Builders of realistic exports and audio for tests, benchmarks and the bundled sample.

Not used by the app at run time; kept in the package so tests, `bench/` and `tools/` share it.
"""
