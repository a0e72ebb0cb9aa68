#!/usr/bin/env python
"""Time the report pages against a large database.

    createdb -h 127.0.0.1 -U postgres putright_bulk13
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/putright_bulk13 \
        .venv/bin/python manage.py migrate
    DATABASE_URL=... nice .venv/bin/python manage.py seed_bulk --cases 1000000   # once
    DATABASE_URL=... .venv/bin/python bench/reports.py [--runs 15]

Renders each page in-process through Django's test client (view, selectors, template; no
network) as a complaints-team member, who reads every service, with DEBUG off. Prints one
line per page, `<page>: <median> ms`, and nothing else on those lines (the size of the
database goes to standard error). Target: median <= 1000 ms each; aim <= 200 ms.
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


def _median_ms(client: object, path: str, runs: int, warmup: int) -> float:
    times = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        response = client.get(path)  # type: ignore[attr-defined]
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if i >= warmup:
            times.append(elapsed)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from putright.cases.models import Case
    from putright.core import clock
    from putright.reports.scope import financial_year_of

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    settings.PUTRIGHT_STAFF_OTP_REQUIRED = False
    call_command("bench_setup", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    client.force_login(get_user_model().objects.get(username="benchstaff"))
    # The last complete reporting year: a full year of cases in a three-year database.
    last_year = financial_year_of(clock.today())[0].year - 1
    pages = {
        "annual dashboard": f"/staff/reports/performance/?period={last_year}",
        "tenant satisfaction measures": f"/staff/reports/tenant-satisfaction/?period={last_year}",
        "counts page": "/staff/reports/service-status/",
        "self-assessment": (
            f"/staff/reports/self-assessment/?code=housing_ombudsman&period={last_year}"
        ),
        "learning log": f"/staff/reports/learning/?period={last_year}",
        "annual report": f"/staff/reports/annual/?year={last_year}",
        "governance pack": f"/staff/reports/governance-pack/?quarter={last_year}-Q3",
    }
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"cases in the database: {Case.objects.count():,} ({engine})", file=sys.stderr)
    for label, path in pages.items():
        print(f"{label}: {_median_ms(client, path, args.runs, args.warmup):.0f} ms", flush=True)


if __name__ == "__main__":
    main()
