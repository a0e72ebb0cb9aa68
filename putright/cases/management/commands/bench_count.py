"""`bench_count`: the number of cases, as one JSON line, for the harness's intake check."""

import json
from typing import Any

from django.core.management.base import BaseCommand

from putright.cases.models import Case


class Command(BaseCommand):
    help = "Print the number of cases as JSON."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(json.dumps({"count": Case.objects.count()}))
