"""The monthly count of cases received (CaseVolume), kept in the same transaction as every
write of a case's received date, service, process, kind, channel or category.

Cases are made in one place (intake) and changed through case_claim, so those two call
`case_volumes_add`; the bulk loader adds its batches. `case_volumes_rebuild` recounts the
whole table from the cases (the migration's backfill and a repair command)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import connection

from putright.cases.models import Case

# month, service, process, kind, channel, category (0: none)
VolumeKey = tuple[date, int, str, str, str, int]

# The fields of Case that place it in the count (attribute names and what case_claim may be
# passed for them).
VOLUME_FIELDS = frozenset(
    {
        "received_on",
        "service",
        "service_id",
        "process",
        "kind",
        "channel",
        "category",
        "category_id",
    }
)

_UPSERT = """
INSERT INTO cases_casevolume (month, service_id, process, kind, channel, category_key, n)
VALUES (%s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (month, service_id, process, kind, channel, category_key)
DO UPDATE SET n = cases_casevolume.n + excluded.n
"""

_MONTH = {
    "postgresql": "CAST(DATE_TRUNC('month', received_on) AS date)",
    "sqlite": "DATE(received_on, 'start of month')",
}


def volume_key(case: Case) -> VolumeKey:
    return (
        case.received_on.replace(day=1),
        case.service_id,
        case.process,
        case.kind,
        case.channel,
        case.category_id or 0,
    )


def case_volumes_add(changes: Mapping[VolumeKey, int]) -> None:
    """Add each change to its key's count (an upsert per key). Keys are written in order, so
    two transactions moving cases between the same keys lock them in the same order and
    cannot deadlock each other."""
    rows = [(*key, n) for key, n in sorted(changes.items()) if n]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(_UPSERT, rows)


def case_volume_moved(before: VolumeKey, case: Case) -> None:
    """After a write to `case`: move it from the key it had to the key it has now."""
    after = volume_key(case)
    if after != before:
        case_volumes_add({before: -1, after: 1})


def case_volume_fields(changes: Mapping[str, Any]) -> bool:
    return not VOLUME_FIELDS.isdisjoint(changes)


def case_volumes_rebuild() -> None:
    """Recount the table from the cases: one DELETE and one INSERT ... SELECT GROUP BY."""
    month = _MONTH[connection.vendor]  # a constant of this module, not input
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_casevolume")
        cursor.execute(
            "INSERT INTO cases_casevolume"  # noqa: S608 - no input in the statement
            " (month, service_id, process, kind, channel, category_key, n)"
            f" SELECT {month}, service_id, process, kind, channel, COALESCE(category_id, 0),"
            " COUNT(*) FROM cases_case"
            f" GROUP BY {month}, service_id, process, kind, channel, COALESCE(category_id, 0)"
        )
