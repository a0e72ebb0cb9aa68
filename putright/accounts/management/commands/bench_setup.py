"""Fixture for the performance harness: the demo services and one staff user. Idempotent."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from putright.cases.demo.build import reference_data_create


class Command(BaseCommand):
    help = "Create the benchmark fixture (services, officers, the bench staff user)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="benchstaff")
        parser.add_argument("--password", default="bench-pass-1")

    def handle(self, *args: Any, **options: Any) -> None:
        council = reference_data_create()
        users = get_user_model()
        user, _ = users.objects.get_or_create(username=options["username"])
        # The harness looks at every open case, as the complaints team does.
        user.is_staff = True
        user.is_superuser = True
        user.set_password(options["password"])
        user.save()
        self.stdout.write(json.dumps({"services": len(council.services), "user": user.username}))
