"""The chain's central system: an HTTP API over its own database (built by the sync issue)."""
