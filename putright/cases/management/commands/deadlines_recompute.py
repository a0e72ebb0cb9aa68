"""Store the policy core's deadlines on every open case after a calendar change."""

from typing import Any

from django.core.management.base import BaseCommand

from putright.cases.services import deadlines_recompute


class Command(BaseCommand):
    help = (
        "Recompute the stored deadlines of every open case from the policy core and the "
        "working-day calendar; one timeline entry per case whose deadlines moved."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = deadlines_recompute(because="deadlines recomputed by the complaints team")
        for reference, moved in result.moved.items():
            names = ", ".join(name for name, _, _ in moved)
            self.stdout.write(f"{reference}: {names}")
        self.stdout.write(f"{result.cases} case(s) had deadlines moved.")
