"""The back-office personas for the reports tests."""

from tests.staff.conftest import client_for, council

__all__ = ["client_for", "council"]
