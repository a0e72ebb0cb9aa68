"""Fixture for the performance harness: the demo services and one staff user. Idempotent.

The bench user is a complaints-team member (sees every case, as the team does). The harness
signs in with username and password only: its settings (config.settings.bench) switch the
second factor off for that reason alone.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from putright.accounts.services import staff_account_save
from putright.cases.demo.build import reference_data_create


class Command(BaseCommand):
    help = "Create the benchmark fixture (services, officers, the bench staff user)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="benchstaff")
        parser.add_argument("--password", default="bench-pass-1")

    def handle(self, *args: Any, **options: Any) -> None:
        council = reference_data_create()
        user = staff_account_save(
            username=options["username"],
            role="complaints_team",
            name="Bench Staff",
            password=options["password"],
        )
        self.stdout.write(json.dumps({"services": len(council.services), "user": user.username}))
