"""`manage.py api_token_revoke PREFIX`: revoke the token that starts with PREFIX."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.api.tokens import token_revoke
from putright.cases.services import InvalidInput


class Command(BaseCommand):
    help = "Revoke an API token by its first characters (as shown in the admin)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = token_revoke(prefix=options["prefix"])
        except InvalidInput as error:
            raise CommandError(str(error)) from error
        if count == 0:
            raise CommandError("No live token starts with that.")
        self.stdout.write(f"Revoked {count} token(s).")
