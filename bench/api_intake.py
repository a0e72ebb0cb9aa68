#!/usr/bin/env python
"""Contacts per second through the API, beside the public form's rate, in the same run.

    BENCH_DB=postgres BENCH_PG_PORT=5432 .venv/bin/python bench/api_intake.py \
        [--contacts 2000] [--clients 4] [--workers 2]

On the peer harness's footing (config/settings/bench.py: DEBUG off, gunicorn sync workers,
PostgreSQL with CONN_MAX_AGE=60, email to a dummy backend): a fresh database
(BENCH_PG_DB, default putright_api_bench, dropped and made again), migrated; gunicorn on a
free loopback port; then `--clients` threads, each with one keep-alive connection, send
`--contacts` contacts in all, (1) as `POST /api/v1/contacts` with a Bearer token and an
Idempotency-Key, (2) as the public single-page complaint form (GET for the CSRF token once,
then POSTs), 20 untimed warm-up requests before each. Prints contacts/s for each, their
ratio, and checks the database holds exactly what was sent.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
WARMUP = 20
SERVICE = "bench-waste"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fresh_database() -> None:
    import psycopg

    name = os.environ.setdefault("BENCH_PG_DB", "putright_api_bench")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit("BENCH_PG_DB must be a plain lower-case name")
    with psycopg.connect(
        host=os.environ.get("BENCH_PG_HOST", "127.0.0.1"),
        port=os.environ.get("BENCH_PG_PORT", "55432"),
        user=os.environ.get("BENCH_PG_USER", "postgres"),
        password=os.environ.get("BENCH_PG_PASSWORD", ""),
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def _prepare() -> str:
    """Migrate, add the service the contacts are about, and a token; the token's secret."""
    import django

    django.setup()
    from django.core.management import call_command

    from putright.api.tokens import token_create
    from putright.cases.models import Service

    call_command("migrate", "--noinput", verbosity=0)
    Service.objects.create(code=SERVICE, name="Waste and recycling", process="corporate")
    return token_create(name="bench", scopes=["intake"], requests_per_minute=10_000_000).secret


def _serve(port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.bench"},
    )
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            # Serving, with its database. The bench runs no scheduler or outbox worker, so
            # /healthz answers 503 for their missing heartbeats: that is not the server.
            checks = json.loads(conn.getresponse().read()).get("checks", {})
            if checks.get("database") == "ok":
                return server
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def _api_sender(port: int, secret: str) -> object:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def send(n: int) -> int:
        body = json.dumps(
            {
                "channel": "email",
                "service": SERVICE,
                "person": {"name": f"Resident {n}", "email": f"resident{n}@example.org"},
                "text": "My bins have not been collected for three weeks.",
            }
        )
        conn.request(
            "POST",
            "/api/v1/contacts",
            body,
            {
                "Authorization": f"Bearer {secret}",
                "Content-Type": "application/json",
                "Idempotency-Key": str(uuid.uuid4()),
            },
        )
        response = conn.getresponse()
        response.read()
        return response.status

    return send


def _form_sender(port: int) -> object:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/complaints/new/")
    page = conn.getresponse()
    html = page.read().decode()
    cookie = "; ".join(
        c.split(";")[0] for c in page.headers.get_all("Set-Cookie") or [] if "csrftoken" in c
    )
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if found is None:
        raise SystemExit("no CSRF token on the public form")
    token = found.group(1)

    def send(n: int) -> int:
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "service": SERVICE,
                "summary": "Missed bin collections",
                "details": "My bins have not been collected for three weeks.",
                "name": f"Resident {n}",
                "email": f"resident{n}@example.org",
            }
        )
        conn.request(
            "POST",
            "/complaints/new/",
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        response = conn.getresponse()
        response.read()
        return response.status

    return send


def _run(make_sender: object, total: int, clients: int, ok: int) -> tuple[float, int]:
    """Contacts a second over `total` sends shared by `clients` threads; and failures."""
    senders = [make_sender() for _ in range(clients)]  # type: ignore[operator]
    for n in range(WARMUP):
        senders[n % clients](n)
    failures = [0] * clients
    per_client = total // clients

    def work(i: int) -> None:
        for n in range(per_client):
            if senders[i](1_000_000 * (i + 1) + n) != ok:
                failures[i] += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return per_client * clients / elapsed, sum(failures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if os.environ.get("BENCH_DB") != "postgres":
        raise SystemExit("Set BENCH_DB=postgres (and BENCH_PG_PORT for the server's port).")
    _fresh_database()
    secret = _prepare()
    port = _free_port()
    server = _serve(port, args.workers)
    try:
        api_rate, api_failed = _run(
            lambda: _api_sender(port, secret), args.contacts, args.clients, 201
        )
        form_rate, form_failed = _run(lambda: _form_sender(port), args.contacts, args.clients, 302)
    finally:
        server.terminate()
        server.wait(timeout=30)
    from putright.cases.models import Case

    expected = 2 * (args.contacts // args.clients * args.clients + WARMUP)
    print(
        f"contacts: {args.contacts} per interface, {args.clients} clients, "
        f"{args.workers} gunicorn workers, PostgreSQL"
    )
    print(f"api_contacts_per_second: {api_rate:.1f} (failed: {api_failed})")
    print(f"public_form_contacts_per_second: {form_rate:.1f} (failed: {form_failed})")
    print(f"api_to_form_ratio: {api_rate / form_rate:.2f}")
    print(f"cases_in_database: {Case.objects.count()} (expected {expected})")


if __name__ == "__main__":
    main()
