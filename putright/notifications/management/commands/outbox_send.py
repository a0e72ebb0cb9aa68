"""`manage.py outbox_send`: deliver the outbox without the task worker (cron, a supervisor).

    manage.py outbox_send --once      send everything due, then exit (for cron)
    manage.py outbox_send             keep sending, polling every --interval seconds

Several may run at once, on any number of hosts: each claims its own rows.
"""

import signal
import time
from dataclasses import replace
from datetime import timedelta
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from putright.notifications.conf import outbox_config
from putright.notifications.services import DeliveryReport, new_worker_id, outbox_drain


class Stop(BaseException):
    """SIGTERM: leave the loop the way Ctrl-C would. A BaseException, like KeyboardInterrupt,
    so that no `except Exception` on the way (a send's error handling) swallows it."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stop


class Command(BaseCommand):
    help = "Send the emails that are due in the outbox (once, or in a polling loop)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Send what is due, then exit.")
        parser.add_argument("--batch-size", type=int, default=None)
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between polls (loop mode)."
        )
        parser.add_argument("--worker-id", default="", help="Default: host:pid:random.")
        parser.add_argument(
            "--lease",
            type=float,
            default=None,
            help="Seconds this worker's claims last (default: PUTRIGHT_OUTBOX LEASE_SECONDS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        config = outbox_config()
        if options["batch_size"]:
            config = replace(config, batch_size=options["batch_size"])
        if options["lease"]:
            config = replace(config, lease=timedelta(seconds=options["lease"]))
        worker_id = options["worker_id"] or f"outbox_send:{new_worker_id()}"
        previous = signal.signal(signal.SIGTERM, _stop)
        try:
            while True:
                report = outbox_drain(worker_id=worker_id, config=config)
                if report.claimed or options["once"]:
                    self.stdout.write(self.describe(report))
                if options["once"]:
                    return
                time.sleep(options["interval"])
        except (Stop, KeyboardInterrupt):
            # The batch in hand has handed its unstarted rows back (see outbox_deliver_due).
            self.stderr.write("outbox_send: stopped")
        finally:
            signal.signal(signal.SIGTERM, previous)

    @staticmethod
    def describe(report: DeliveryReport) -> str:
        return (
            f"sent {report.sent}, retrying {report.retrying}, failed {report.failed}, "
            f"handed back {report.released}, taken over {report.recovered}"
        )
