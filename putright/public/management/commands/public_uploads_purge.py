"""Delete files people uploaded on the feedback journey but never sent.

An accepted file waits in pending storage until its feedback is sent (then the case has
its own copy and the pending one is deleted). A journey abandoned half way leaves its files
behind: run this daily (or from the scheduler) to remove those older than a day.
"""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from putright.core import clock
from putright.public.uploads import pending_purge


class Command(BaseCommand):
    help = "Delete uploads of feedback that was never sent (older than --hours, default 24)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args: Any, hours: int, **options: Any) -> None:
        removed = pending_purge(older_than=clock.now() - timedelta(hours=hours))
        self.stdout.write(f"Removed {removed} unsent upload(s).")
