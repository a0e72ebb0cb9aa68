"""Seed the letter templates again after a browser test's flush, as the migrations do.

Every data migration of the letters app (the first templates, and each later version or
new kind) is run in order, so a template added by a new migration is never missing from
a browser test.
"""

from __future__ import annotations

from django.apps import apps
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython


def letter_templates_seed() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(k for k in loader.disk_migrations if k[0] == "letters"):
        for operation in loader.disk_migrations[key].operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)
