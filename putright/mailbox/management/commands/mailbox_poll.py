"""`manage.py mailbox_poll`: read the complaints mailbox once (the scheduler also runs it at
each wake-up when the mailbox is configured). Exit status 1 when the mailbox cannot be read."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.mailbox.imap import MailboxError
from putright.mailbox.poll import mailbox_poll


class Command(BaseCommand):
    help = "Read new messages from the complaints mailbox into the triage inbox."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=200, help="At most this many messages.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = mailbox_poll(limit=options["limit"])
        except MailboxError as error:
            raise CommandError(str(error), returncode=1) from error
        self.stdout.write(result.describe())
