"""The raw database fixture the integration tests use, for the reliability tests too."""

from tests.integration.conftest import db  # noqa: F401
