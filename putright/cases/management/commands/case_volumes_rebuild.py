"""Recount the monthly count of cases received (CaseVolume) from the cases."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from putright.cases.models import CaseVolume
from putright.cases.services import case_volumes_rebuild


class Command(BaseCommand):
    help = (
        "Recount the cases received per month, service, process, kind, channel and category "
        "that the performance dashboard reads (after a bulk load or a repair by hand)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            case_volumes_rebuild()
        self.stdout.write(f"{CaseVolume.objects.count()} count(s) of cases received stored.")
