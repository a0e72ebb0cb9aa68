#!/usr/bin/env python
"""Time the staff pages that officers live in, against a large database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/putright_bulk \
        .venv/bin/python manage.py seed_bulk --cases 1000000     # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/putright_bulk \
        .venv/bin/python bench/staff_pages.py [--runs 30]

Renders each page in-process through Django's test client (the whole view, template and
queries; no network), signed in as a complaints-team member who sees every case, with
DEBUG off. Prints the median, p90, min and max per page; target: median <= 100 ms each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def _time(client: object, path: str, runs: int, warmup: int) -> list[float]:
    times = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        response = client.get(path)  # type: ignore[attr-defined]
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if i >= warmup:
            times.append(elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from putright.cases.models import Case

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    settings.PUTRIGHT_STAFF_OTP_REQUIRED = False
    call_command("bench_setup", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="benchstaff")
    client = Client()
    client.force_login(user)
    total = Case.objects.count()
    sample = (
        Case.objects.filter(status="in_progress")
        .order_by("next_deadline_on")
        .values_list("reference", "person__name")[1000:1001]
    )
    reference, name = (
        sample[0] if sample else Case.objects.values_list("reference", "person__name")[0]
    )
    pages = {
        "all open cases by next deadline": "/staff/cases/?queue=all",
        f"search ({name!r})": f"/staff/cases/?queue=all&q={name.replace(' ', '+')}",
        f"case page ({reference})": f"/staff/cases/{reference}/",
    }
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"cases in the database: {total:,} ({engine})")
    for label, path in pages.items():
        times = _time(client, path, args.runs, args.warmup)
        times.sort()
        print(
            f"{label}: median {statistics.median(times):.1f} ms, "
            f"p90 {times[int(len(times) * 0.9) - 1]:.1f} ms, "
            f"min {times[0]:.1f} ms, max {times[-1]:.1f} ms ({args.runs} runs)"
        )


if __name__ == "__main__":
    main()
