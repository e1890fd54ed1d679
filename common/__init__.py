"""Primitives the counter and the centre share, defined once: canonical JSON and hashes, key
ids, the tiers, and the column types and naming convention of both databases.

Imports nothing of the project: the counter's models, its services and the centre all build
on it."""
