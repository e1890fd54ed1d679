"""Typed SQLAlchemy 2 models of the counter's local SQLite database.

Nothing here imports Qt. Services are the only callers.
"""
