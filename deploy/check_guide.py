#!/usr/bin/env python3
"""Follow docs/operations.md word for word on this machine, then ask nginx for pages.

Every ```sh block of the guide runs, in order, in one bash session, exactly as written.
Only the guide's first block (its site settings) is replaced, so that the run lives in a
scratch folder and uses loopback ports nobody else is using:

- PUTRIGHT_HOME, PUTRIGHT_ETC, SYSTEMD_DIR and NGINX_SITES are folders under the scratch
  folder; PUTRIGHT_USER is whoever runs this; nginx listens on 127.0.0.1 only.
- The ```console blocks (packages, the database role, the real certificate) are a
  person's work; this script does its own equivalent of each and prints what it did:
  a fresh database on the local PostgreSQL, a self-signed certificate.
- `systemctl` and `nginx` are small stand-ins on the PATH: `systemctl enable --now UNIT`
  starts the unit's ExecStart (with its WorkingDirectory and EnvironmentFile) and
  `nginx` runs Debian's nginx with a main configuration that includes NGINX_SITES, both
  as ordinary processes of this script, stopped at the end.

Then it checks, through nginx over HTTPS: the start page (200, with CSP and HSTS), a
static file, and /healthz (200, every check ok). Exit status 0 when all pass.

usage: deploy/check_guide.py [--keep] [--pg postgres://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "operations.md"
HTTPS_PORT = 18443
HTTP_PORT = 18080
WEB_PORT = 18700
HOST = "complaints.example.gov.uk"

SYSTEMCTL = r"""#!/usr/bin/env bash
# Stand-in for systemctl: starts units as plain background processes (see check_guide.py).
set -euo pipefail
state="$CHECK_STATE"
start_unit() {
  local file="$SYSTEMD_DIR/$1.service"
  local dir env cmd
  dir=$(sed -n 's/^WorkingDirectory=//p' "$file")
  env=$(sed -n 's/^EnvironmentFile=//p' "$file")
  cmd=$(sed -n 's/^ExecStart=//p' "$file")
  ( cd "$dir"; set -a; . "$env"; set +a; exec setsid $cmd ) >"$state/$1.log" 2>&1 &
  echo $! > "$state/$1.pid"
  echo "started $1 (pid $!)"
}
case "$1" in
  daemon-reload) ;;
  enable) shift; [ "$1" = --now ] && shift; for unit in "$@"; do start_unit "$unit"; done ;;
  reload)
    if [ "$2" = nginx ]; then
      if [ -s "$state/nginx.pid" ] && kill -0 "$(cat "$state/nginx.pid")" 2>/dev/null; then
        nginx -s reload
      else
        nginx
      fi
    fi ;;
  *) echo "systemctl stand-in: $* not supported" >&2; exit 2 ;;
esac
"""

NGINX = r"""#!/usr/bin/env bash
# Stand-in for nginx: Debian's nginx with the check's own main configuration.
exec /usr/sbin/nginx -c "$CHECK_STATE/nginx.conf" "$@"
"""

NGINX_MAIN = """
worker_processes 1;
pid {state}/nginx.pid;
error_log {state}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {state}/nginx-access.log;
    client_body_temp_path {state}/body;
    proxy_temp_path {state}/proxy;
    fastcgi_temp_path {state}/fastcgi;
    uwsgi_temp_path {state}/uwsgi;
    scgi_temp_path {state}/scgi;
    include {sites}/*.conf;
}}
"""


def blocks(markdown: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced block, in order."""
    return re.findall(r"^```(\w+)\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)


def site_block(scratch: Path, database_url: str) -> str:
    return "\n".join(
        [
            f"PUTRIGHT_HOME={scratch}/srv/putright",
            f"PUTRIGHT_USER={os.environ.get('USER') or 'root'}",
            f"PUTRIGHT_ETC={scratch}/etc/putright",
            f"PUTRIGHT_HOST={HOST}",
            f"PUTRIGHT_DATABASE_URL={database_url}",
            f"PUTRIGHT_WEB_PORT={WEB_PORT}",
            f"PUTRIGHT_HTTPS_LISTEN=127.0.0.1:{HTTPS_PORT}",
            f"PUTRIGHT_HTTP_LISTEN=127.0.0.1:{HTTP_PORT}",
            f"SYSTEMD_DIR={scratch}/etc/systemd/system",
            f"NGINX_SITES={scratch}/etc/nginx/sites-enabled",
            f"mkdir -p {scratch}/etc/systemd/system {scratch}/etc/nginx/sites-enabled",
        ]
    )


def database_create(admin_url: str, name: str) -> str:
    """The check's stand-in for step 4: a fresh database (the guide's is made by a DBA)."""
    subprocess.run(["psql", admin_url, "-qc", f"CREATE DATABASE {name}"], check=True)  # noqa: S603, S607
    print(f"[check] step 4 by hand: created database {name} on the local PostgreSQL")
    base = admin_url.rsplit("/", 1)[0]
    return f"{base}/{name}"


def database_drop(admin_url: str, name: str) -> None:
    subprocess.run(  # noqa: S603
        ["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],  # noqa: S607
        check=False,
    )


def certificate_make(etc: Path) -> None:
    """The check's stand-in for step 7: a self-signed certificate for HOST."""
    tls = etc / "tls"
    tls.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603
        [  # noqa: S607
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={HOST}",
            "-addext",
            f"subjectAltName=DNS:{HOST}",
            "-keyout",
            str(tls / "privkey.pem"),
            "-out",
            str(tls / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )
    print("[check] step 7 by hand: made a self-signed certificate")


def fetch(path: str, cafile: Path) -> tuple[int, dict[str, str], bytes]:
    context = ssl.create_default_context(cafile=str(cafile))
    # The certificate names HOST; connect to loopback and say HOST, as --resolve does.
    context.check_hostname = False
    request = urllib.request.Request(
        f"https://127.0.0.1:{HTTPS_PORT}{path}", headers={"Host": HOST}
    )
    try:
        with urllib.request.urlopen(request, context=context, timeout=20) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def checks(etc: Path) -> list[str]:
    """What must be true through nginx; each failure in words."""
    cafile = etc / "tls" / "fullchain.pem"
    failures = []
    status, headers, body = fetch("/", cafile)
    print(f"[check] GET / -> {status}")
    if status != 200 or b"Give feedback" not in body:
        failures.append(f"the start page answered {status}")
    if "script-src 'self'" not in headers.get("Content-Security-Policy", ""):
        failures.append("the start page has no Content-Security-Policy")
    if "max-age=31536000" not in headers.get("Strict-Transport-Security", ""):
        failures.append("no HSTS header behind nginx (X-Forwarded-Proto not trusted?)")
    css = re.search(rb'href="(/static/css/public\.[0-9a-f]+\.css)"', body)
    if css is None:
        failures.append("the start page links no hashed stylesheet (collectstatic?)")
    else:
        status, _, _ = fetch(css.group(1).decode(), cafile)
        print(f"[check] GET {css.group(1).decode()} -> {status}")
        if status != 200:
            failures.append(f"the stylesheet answered {status}")
    for _attempt in range(30):
        status, _, body = fetch("/healthz", cafile)
        if status == 200:
            break
        time.sleep(2)
    print(f"[check] GET /healthz -> {status} {body.decode()}")
    if status != 200 or json.loads(body)["status"] != "ok":
        failures.append(f"/healthz answered {status}: {body.decode()}")
    return failures


def python313() -> str:
    """The Python 3.13 the Makefile finds (step 1 asks for `python3.13` on the PATH)."""
    found = subprocess.run(
        ["make", "-s", "--no-print-directory", "print-python"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    executable = subprocess.run(  # noqa: S603
        [*found, "-c", "import sys; print(sys.executable)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return executable.stdout.strip()


def stop_all(state: Path) -> None:
    for pidfile in state.glob("*.pid"):
        try:
            pid = int(pidfile.read_text().strip())
        except ValueError:
            continue
        try:
            if pidfile.name == "nginx.pid":
                os.kill(pid, signal.SIGQUIT)
            else:
                os.killpg(pid, signal.SIGTERM)  # setsid made each unit its own group
        except ProcessLookupError:
            pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="Keep the scratch folder.")
    parser.add_argument(
        "--pg",
        default=os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="A PostgreSQL URL allowed to create databases.",
    )
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="putright-guide-"))
    # Like /srv and /etc: nginx's worker (www-data) reads the static files under it.
    scratch.chmod(0o755)
    state = scratch / "state"
    shims = scratch / "bin"
    for folder in (state, shims, state / "body"):
        folder.mkdir(parents=True)
    (shims / "python3.13").write_text(f'#!/bin/sh\nexec "{python313()}" "$@"\n')
    (shims / "systemctl").write_text(SYSTEMCTL)
    (shims / "nginx").write_text(NGINX)
    for shim in shims.iterdir():
        shim.chmod(0o755)
    sites = scratch / "etc" / "nginx" / "sites-enabled"
    (state / "nginx.conf").write_text(NGINX_MAIN.format(state=state, sites=sites))

    name = f"putright_guide_{os.getpid()}"
    database_url = database_create(args.pg, name)
    guide = blocks(GUIDE.read_text(encoding="utf-8"))
    runnable = [body for language, body in guide if language == "sh"]
    # set -a: the stand-ins (systemctl) read the guide's variables, as systemd reads files.
    script = ["set -a", site_block(scratch, database_url)]
    for number, body in enumerate(runnable[1:], start=1):
        if "sudo -u postgres" in body:
            continue
        script.append(f'echo "[guide] block {number}"')
        script.append(body)
        # Step 7's certificate goes in before nginx starts.
        if "mkdir -p" in body and "tls" in body:
            script.append(f'{sys.executable} {__file__} --certificate "$PUTRIGHT_ETC"')
    env = {
        **os.environ,
        "PATH": f"{shims}:{os.environ['PATH']}",
        "CHECK_STATE": str(state),
    }
    failures: list[str] = []
    try:
        done = subprocess.run(  # noqa: S603
            ["bash", "-euo", "pipefail", "-c", "\n".join(script)],  # noqa: S607
            cwd=ROOT,
            env=env,
            check=False,
        )
        if done.returncode != 0:
            failures.append(f"the guide's commands stopped with status {done.returncode}")
        else:
            failures = checks(scratch / "etc" / "putright")
    finally:
        stop_all(state)
        time.sleep(2)
        database_drop(args.pg, name)
        if failures:
            for log in sorted(state.glob("*.log")):
                print(f"--- {log.name} (last lines)")
                print("\n".join(log.read_text(errors="replace").splitlines()[-15:]))
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    for failure in failures:
        print(f"[check] FAILED: {failure}")
    print("[check] the guide serves the site through nginx" if not failures else "")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--certificate":
        certificate_make(Path(sys.argv[2]))
        sys.exit(0)
    sys.exit(main())
