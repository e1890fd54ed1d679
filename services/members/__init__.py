"""Members: registration, cards and codes, look-up, segments and privacy."""
