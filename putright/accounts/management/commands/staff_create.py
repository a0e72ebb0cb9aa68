"""`manage.py staff_create USERNAME --role ROLE [--service CODE]`: add or update a staff
user. The password comes from --password or the PUTRIGHT_STAFF_PASSWORD variable; without
one the account cannot sign in until a password is set (for example in the admin)."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.accounts.models import StaffRole
from putright.accounts.services import staff_account_save
from putright.cases.models import Service
from putright.cases.services import InvalidInput


class Command(BaseCommand):
    help = "Create or update a staff user with a role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=StaffRole.values)
        parser.add_argument("--service", default="", help="service code (officers, managers)")
        parser.add_argument("--name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        service = None
        if options["service"]:
            service = Service.objects.filter(code=options["service"]).first()
            if service is None:
                raise CommandError(f"There is no service with the code {options['service']!r}.")
        password = options["password"] or os.environ.get("PUTRIGHT_STAFF_PASSWORD") or None
        try:
            user = staff_account_save(
                username=options["username"],
                role=options["role"],
                name=options["name"],
                email=options["email"],
                password=password,
                service=service,
            )
        except InvalidInput as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Staff user {user.get_username()} saved ({options['role']}).")
