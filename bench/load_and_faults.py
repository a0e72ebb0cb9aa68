#!/usr/bin/env python3
"""Load and faults: production's shape on this machine, under load, while things break.

Starts its own PostgreSQL (a scratch cluster on 127.0.0.1), its own Redis, an upload
folder on a small tmpfs, gunicorn with 4 workers, the task worker and the scheduler
(config.settings.faults), and Debian's nginx in front. Then, for --seconds, from loopback:

- 50 staff read work queues and case pages,
- 10 residents give feedback through the whole journey, each with a PDF,
- 5 officers offer remedies on cases (a write with the optimistic version check),

while it restarts PostgreSQL, stops and starts Redis, fills the upload disk, and kills
a gunicorn worker. It prints requests served, p50/p95 latency per page, responses by
status (and whether any 5xx was a bare page), how soon the service answered again after
each fault, and then checks: every accepted submission is stored once with its file,
every acknowledged remedy is on the case's timeline, every queued email was sent once.

Run as root (tmpfs mount, PostgreSQL as the postgres user):
    .venv/bin/python bench/load_and_faults.py --seconds 90
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import http.cookiejar
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_PORT = 55433
REDIS_PORT = 56380
WEB_PORT = 18800
NGINX_PORT = 18880
BASE = f"http://127.0.0.1:{NGINX_PORT}"
PASSWORD = "putright-demo-2026"  # noqa: S105 - the demo council's, printed by make run
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + b"%" * 20000
CLEAR_PAGE = (b"unavailable for a moment", b"problem with the service")


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: Counter[str] = Counter()
        self.bare_5xx = 0
        self.accepted: list[str] = []  # resident email addresses whose feedback was accepted
        self.remedies: list[tuple[str, str]] = []  # (case reference, description)
        self.probe: list[tuple[float, int]] = []

    def record(self, page: str, seconds: float, status: int, body: bytes) -> None:
        with self.lock:
            self.latency[page].append(seconds)
            self.status[str(status)] += 1
            if status >= 500 and not any(words in body for words in CLEAR_PAGE):
                self.bare_5xx += 1


class Browser:
    """A person's browser: cookies, CSRF tokens, no redirects followed."""

    def __init__(self, results: Results) -> None:
        self.results = results
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: object, **kwargs: object) -> None:
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(
        self, page: str, path: str, data: dict[str, str] | None = None, files: bytes | None = None
    ) -> tuple[int, bytes, str]:
        headers = {"Referer": BASE + path}
        body = None
        if files is not None and data is not None:
            boundary = "----putright" + str(random.randrange(10**9))
            parts = []
            for key, value in data.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="attachment"; '
                f'filename="photo.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                + files
                + b"\r\n"
            )
            parts.append(f"--{boundary}--\r\n".encode())
            body = b"".join(parts)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(BASE + path, data=body, headers=headers)  # noqa: S310
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, content, location = response.status, response.read(), ""
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
            location = error.headers.get("Location", "") or ""
        except (urllib.error.URLError, http.client.HTTPException, OSError):
            status, content, location = 599, b"", ""
        self.results.record(page, time.perf_counter() - started, status, content)
        return status, content, location

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")


def staff_reader(results: Results, stop: threading.Event, username: str) -> None:
    browser = Browser(results)
    signed_in = False
    while not stop.is_set():
        if not signed_in:
            browser.request("staff sign-in form", "/staff/login/")
            status, _, _ = browser.request(
                "staff sign-in",
                "/staff/login/",
                {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": browser.csrf()},
            )
            signed_in = status == 302
            if not signed_in:
                time.sleep(1)
                continue
        status, body, _ = browser.request("work queue", "/staff/cases/?queue=all")
        references = re.findall(rb"/staff/cases/(CU\d+)/", body)
        if references:
            ref = random.choice(references).decode()
            browser.request("case page", f"/staff/cases/{ref}/")
        time.sleep(random.uniform(0.2, 0.6))


JOURNEY = [
    ("", {"kind": "complaint"}),
    ("service/", {"service": "waste"}),
    ("what-happened/", {"details": "The bin was missed three weeks running."}),
    ("when/", {"aware_on_day": "2", "aware_on_month": "11", "aware_on_year": "2026"}),
    ("outcome/", {"outcome": "Collect it and say sorry"}),
    ("someone-else/", {"for_someone": "no"}),
    ("adjustments/", {"adjustments": "none"}),
    ("contact-method/", {"method": "email"}),
    ("contact-frequency/", {"frequency": "fortnightly"}),
]


def resident(results: Results, stop: threading.Event, n: int) -> None:
    count = 0
    while not stop.is_set():
        count += 1
        email = f"resident{n}-{count}@example.org"
        browser = Browser(results)
        browser.request("feedback start", "/feedback/")
        steps = [
            *JOURNEY,
            (
                "your-details/",
                {
                    "name": f"Resident {n}",
                    "email": email,
                    "phone": "",
                    "address": "",
                    "postcode": "",
                },
            ),
        ]
        ok = True
        for slug, answer in steps:
            status, _, _ = browser.request(
                "feedback question",
                f"/feedback/{slug}",
                {**answer, "csrfmiddlewaretoken": browser.csrf()},
            )
            if status != 302:
                ok = False
                break
        if not ok:
            time.sleep(1)
            continue
        status, _, _ = browser.request(
            "feedback upload",
            "/feedback/attachments/",
            {"action": "upload", "csrfmiddlewaretoken": browser.csrf()},
            files=PDF,
        )
        if status != 302:
            time.sleep(1)
            continue
        browser.request(
            "feedback question",
            "/feedback/attachments/",
            {"action": "continue", "csrfmiddlewaretoken": browser.csrf()},
        )
        status, _, location = browser.request(
            "feedback send",
            "/feedback/check-your-answers/",
            {"website": "", "csrfmiddlewaretoken": browser.csrf()},
        )
        if status == 302 and "/feedback/sent/" in location:
            with results.lock:
                results.accepted.append(email)
        time.sleep(random.uniform(0.5, 1.5))


def officer(results: Results, stop: threading.Event, n: int) -> None:
    browser = Browser(results)
    count = 0
    while not stop.is_set():
        status, body, _ = browser.request("work queue", "/staff/cases/?queue=all")
        if status == 302:  # not signed in (yet, or the session was lost): sign in
            browser.request("staff sign-in form", "/staff/login/")
            browser.request(
                "staff sign-in",
                "/staff/login/",
                {
                    "username": "complaints.team",
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": browser.csrf(),
                },
            )
            continue
        references = re.findall(rb"/staff/cases/(CU\d+)/", body)
        if not references:
            time.sleep(1)
            continue
        ref = random.choice(references).decode()
        status, page, _ = browser.request("remedy form", f"/staff/cases/{ref}/records/remedy/")
        version = re.search(rb'name="version" value="(\d+)"', page)
        if status == 200 and version:
            count += 1
            description = f"Apology {n}-{count} from the load"
            status, _, _ = browser.request(
                "remedy offer",
                f"/staff/cases/{ref}/records/remedy/",
                {
                    "version": version.group(1).decode(),
                    "kind": "apology",
                    "description": description,
                    "amount": "",
                    "csrfmiddlewaretoken": browser.csrf(),
                },
            )
            if status == 302:
                with results.lock:
                    results.remedies.append((ref, description))
        time.sleep(random.uniform(0.5, 1.0))


def prober(results: Results, stop: threading.Event) -> None:
    """Asks a page that needs the database every 0.5 s, to time recoveries."""
    browser = Browser(Results())
    while not stop.is_set():
        status, _, _ = browser.request("probe", "/complaints/new/")
        with results.lock:
            results.probe.append((time.monotonic(), status))
        time.sleep(0.5)


class Stack:
    """Every process this script starts, stopped by their ids at the end."""

    def __init__(self, state: Path) -> None:
        self.state = state
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.faults",
            "FAULTS_STATE_DIR": str(state),
            "FAULTS_PG_PORT": str(PG_PORT),
            "FAULTS_REDIS_PORT": str(REDIS_PORT),
            "LOG_LEVEL": "WARNING",
        }
        self.pgdata = state / "pg" / "data"
        self.mounted = False

    def run(self, *args: str, user: str | None = None) -> None:
        command = ["runuser", "-u", user, "--", *args] if user else list(args)
        subprocess.run(command, check=True, cwd=ROOT, env=self.env, capture_output=True)  # noqa: S603

    def start(self, name: str, *args: str) -> None:
        log = (self.state / f"{name}.log").open("ab")
        self.procs[name] = subprocess.Popen(  # noqa: S603
            list(args), cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )

    def pg(self, action: str) -> None:
        options = f"-p {PG_PORT} -c listen_addresses=127.0.0.1 -k {self.state / 'pg'}"
        self.run(
            "pg_ctl",
            "-D",
            str(self.pgdata),
            "-o",
            options,
            "-l",
            str(self.state / "pg" / "log"),
            "-w",
            "-m",
            "fast",
            action,
            user="postgres",
        )

    def up(self) -> None:
        (self.state / "pg").mkdir(parents=True)
        (self.state / "pg").chmod(0o777)
        self.state.chmod(0o755)
        self.run("initdb", "-D", str(self.pgdata), "-A", "trust", "-U", "postgres", user="postgres")
        self.pg("start")
        self.run(
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            "-qc",
            "CREATE DATABASE putright",
        )
        self.redis_start()
        media = self.state / "media"
        media.mkdir()
        try:
            self.run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(media))
            self.mounted = True
        except subprocess.CalledProcessError:
            print("(no tmpfs: the upload-disk fault is skipped)")
        (self.state / "mail").mkdir()
        self.run(PY, "manage.py", "migrate", "--noinput")
        self.run(PY, "manage.py", "seed_demo", "--cases", "120")
        self.run(PY, "manage.py", "seed_staff")
        self.start(
            "gunicorn",
            str(Path(PY).parent / "gunicorn"),
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{WEB_PORT}",
            "--timeout",
            "30",
            "config.wsgi:application",
        )
        self.start("worker", PY, "manage.py", "run_worker")
        self.start("scheduler", PY, "manage.py", "run_scheduler")
        conf = self.state / "nginx.conf"
        conf.write_text(
            f"""worker_processes 2; pid {self.state}/nginx.pid; error_log {self.state}/nginx.log;
events {{ worker_connections 1024; }}
http {{ access_log off; client_max_body_size 12m; client_body_temp_path {self.state}/nb;
  proxy_temp_path {self.state}/np;
  upstream web {{ server 127.0.0.1:{WEB_PORT} fail_timeout=0; keepalive 16; }}
  server {{ listen 127.0.0.1:{NGINX_PORT};
    location / {{ proxy_pass http://web; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host $host; proxy_set_header X-Forwarded-For $remote_addr;
      proxy_intercept_errors on; error_page 502 503 504 /unavailable.html; }}
    location = /unavailable.html {{ internal; root {ROOT}/deploy/nginx; }} }} }}
"""
        )
        self.start("nginx", "/usr/sbin/nginx", "-c", str(conf), "-g", "daemon off;")
        for _ in range(60):
            with contextlib.suppress(OSError), urllib.request.urlopen(BASE + "/", timeout=5):  # noqa: S310
                return
            time.sleep(1)
        raise RuntimeError("the site did not come up")

    def redis_start(self) -> None:
        self.start(
            "redis",
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        )

    def redis_stop(self) -> None:
        proc = self.procs.pop("redis")
        proc.terminate()
        proc.wait(10)

    def down(self) -> None:
        for name, proc in self.procs.items():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(15)
            del name
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg("stop")
        if self.mounted:
            subprocess.run(["umount", str(self.state / "media")], check=False)  # noqa: S603, S607


def faults(stack: Stack, seconds: float, log: list[tuple[str, float, float]]) -> None:
    """At fixed points of the run, break one thing and mend it; log (fault, start, end)."""
    start = time.monotonic()

    def at(fraction: float) -> None:
        time.sleep(max(0.0, start + seconds * fraction - time.monotonic()))

    at(0.15)
    began = time.monotonic()
    stack.pg("restart")
    log.append(("PostgreSQL restarted", began, time.monotonic()))
    at(0.35)
    began = time.monotonic()
    stack.redis_stop()
    time.sleep(5)
    stack.redis_start()
    log.append(("Redis stopped 5 s", began, time.monotonic()))
    at(0.55)
    if stack.mounted:
        began = time.monotonic()
        filler = stack.state / "media" / "filler"
        subprocess.run(  # noqa: S603
            ["dd", "if=/dev/zero", f"of={filler}", "bs=1M", "count=64"],  # noqa: S607
            capture_output=True,
            check=False,
        )
        time.sleep(8)
        filler.unlink()
        log.append(("upload disk full 8 s", began, time.monotonic()))
    at(0.75)
    began = time.monotonic()
    workers = subprocess.run(  # noqa: S603
        ["pgrep", "-P", str(stack.procs["gunicorn"].pid)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    if workers:
        os.kill(int(random.choice(workers)), signal.SIGKILL)
    log.append(("a gunicorn worker killed", began, time.monotonic()))


def report(results: Results, log: list[tuple[str, float, float]], seconds: float) -> None:
    total = sum(len(v) for v in results.latency.values())
    print(f"\nrequests served: {total} in {seconds:.0f} s ({total / seconds:.1f}/s)")
    print(f"{'page':<22}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}")
    for page, times in sorted(results.latency.items()):
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        print(f"{page:<22}{len(times):>7}{statistics.median(times) * 1000:>9.0f}{p95 * 1000:>9.0f}")
    print("responses by status:", dict(sorted(results.status.items())))
    print(f"5xx that were not a clear page: {results.bare_5xx}")
    for name, began, ended in log:
        back = next((t for t, s in results.probe if t >= ended and s == 200), None)
        worst = sorted({s for t, s in results.probe if began <= t <= ended + 1})
        after = f"{back - ended:.1f} s" if back is not None else "not within the run"
        print(f"fault: {name:<26} statuses seen {worst}; answering again {after} after it ended")


CHECK = """
import json, sys
from pathlib import Path
from django.conf import settings
from django.core.files.storage import default_storage
from putright.cases.models import Attachment, Case, Remedy, TimelineEvent
from putright.notifications.models import OutboxMessage
data = json.loads(sys.stdin.read())
lost, twice, no_file = [], [], []
for email in data["accepted"]:
    cases = list(Case.objects.filter(person__email=email))
    if not cases:
        lost.append(email)
    elif len(cases) > 1:
        twice.append(email)
    else:
        files = Attachment.objects.filter(correspondence__case=cases[0])
        if files.count() != 1 or not default_storage.exists(files[0].file.name):
            no_file.append(email)
off = []
for ref, description in data["remedies"]:
    remedy = Remedy.objects.filter(case__reference=ref, description=description)
    events = TimelineEvent.objects.filter(case__reference=ref, action="remedy_offered").count()
    if remedy.count() != 1 or events < Remedy.objects.filter(case__reference=ref).count():
        off.append(ref)
ids = [m.message_id for m in OutboxMessage.objects.all()]
sent: dict = {}
for path in Path(settings.EMAIL_FILE_PATH).glob("*.log"):
    for line in path.read_text(errors="replace").splitlines():
        if line.lower().startswith("message-id:"):
            key = line.split(":", 1)[1].strip()
            sent[key] = sent.get(key, 0) + 1
unsent = [i for i in ids if sent.get(i, 0) == 0]
double = [i for i in ids if sent.get(i, 0) > 1]
pending = OutboxMessage.objects.exclude(state="sent").count()
print(json.dumps({
    "accepted submissions": len(data["accepted"]), "lost": len(lost), "duplicated": len(twice),
    "without their file": len(no_file), "acknowledged remedies": len(data["remedies"]),
    "remedies missing from the timeline": len(off), "emails queued": len(ids),
    "emails not sent": len(unsent), "emails sent twice": len(double), "outbox not sent": pending,
}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    state = Path(tempfile.mkdtemp(prefix="putright-faults-"))
    stack = Stack(state)
    results = Results()
    log: list[tuple[str, float, float]] = []
    try:
        print("starting PostgreSQL, Redis, gunicorn x4, worker, scheduler, nginx ...")
        stack.up()
        stop = threading.Event()
        staff = ["complaints.team", "priya.shah", "tom.okafor", "service.manager", "insight.lead"]
        threads = [
            *(
                threading.Thread(target=staff_reader, args=(results, stop, staff[i % 5]))
                for i in range(50)
            ),
            *(threading.Thread(target=resident, args=(results, stop, i)) for i in range(10)),
            *(threading.Thread(target=officer, args=(results, stop, i)) for i in range(5)),
            threading.Thread(target=prober, args=(results, stop)),
        ]
        print(f"load for {args.seconds:.0f} s, with faults ...")
        started = time.monotonic()
        for thread in threads:
            thread.start()
        faults(stack, args.seconds, log)
        time.sleep(max(0.0, started + args.seconds - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join(60)
        elapsed = time.monotonic() - started
        report(results, log, elapsed)
        # Let the worker finish the outbox (retries included) before counting emails.
        time.sleep(45)
        checked = subprocess.run(  # noqa: S603
            [PY, "manage.py", "shell", "-c", CHECK],
            cwd=ROOT,
            env=stack.env,
            input=json.dumps({"accepted": results.accepted, "remedies": results.remedies}),
            capture_output=True,
            text=True,
            check=False,
        )
        print(
            "after the run:",
            checked.stdout.strip().splitlines()[-1] if checked.stdout else checked.stderr[-2000:],
        )
    finally:
        stack.down()
        if not args.keep:
            shutil.rmtree(state, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
