"""`manage.py api_token_create --name NAME --scope SCOPE [--scope ...] [--contractor NAME]`:
a token for a system. The token is printed once, alone on the last line; only its hash is
kept."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.api.tokens import DEFAULT_LIFETIME_DAYS, SCOPE_NAMES, token_create
from putright.cases.services import InvalidInput


class Command(BaseCommand):
    help = "Make an API token for a system and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="Which system uses the token.")
        parser.add_argument(
            "--scope", action="append", required=True, choices=SCOPE_NAMES, dest="scopes"
        )
        parser.add_argument("--contractor", default="", help="For a contractor token.")
        parser.add_argument("--days", type=int, default=DEFAULT_LIFETIME_DAYS)
        parser.add_argument("--requests-per-minute", type=int, default=120)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            made = token_create(
                name=options["name"],
                scopes=options["scopes"],
                contractor=options["contractor"],
                days=options["days"],
                requests_per_minute=options["requests_per_minute"],
            )
        except InvalidInput as error:
            raise CommandError(str(error)) from error
        token = made.token
        self.stdout.write(
            f"Token '{token.name}' ({', '.join(token.scopes)}) expires "
            f"{token.expires_at:%d %B %Y}. It is shown once: keep it now."
        )
        self.stdout.write(made.secret)
