"""Production settings and what every response carries: `check --deploy` is clean once
the operations guide's steps are done, every HTML page has a Content-Security-Policy and
no inline script, personal pages are never cached, HSTS is sent behind the TLS proxy, and
failures show the council's own 500 and 503 pages."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from pytest_django.fixtures import Settings

from putright.cases.models import Service
from putright.core import views
from tests.public.cases import sign_in, submitted
from tests.staff.personas import Council, complaint_at_stage1, signed_in

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, static_root: Path) -> subprocess.CompletedProcess[str]:
    """`manage.py` under production settings, with the environment the guide sets."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "complaints.example.gov.uk",
        "PUTRIGHT_STATIC_ROOT": str(static_root),
    }
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


class TestCheckDeploy:
    def test_it_is_clean_under_production_settings_after_collectstatic(
        self, tmp_path: Path
    ) -> None:
        collected = manage("collectstatic", "--noinput", "-v0", static_root=tmp_path)
        assert collected.returncode == 0, collected.stderr

        checked = manage("check", "--deploy", "--fail-level", "WARNING", static_root=tmp_path)

        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "System check identified no issues" in checked.stdout

    def test_it_says_when_collectstatic_was_not_run(self, tmp_path: Path) -> None:
        checked = manage("check", "--deploy", static_root=tmp_path / "empty")

        assert "putright.W001" in checked.stderr + checked.stdout
        assert "collectstatic" in checked.stderr + checked.stdout


def html_pages(client: Client, urls: list[str]) -> dict[str, Any]:
    pages = {url: client.get(url) for url in urls}
    for url, response in pages.items():
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html"), url
    return pages


@pytest.mark.django_db
class TestHeaders:
    def test_every_html_page_has_a_csp_that_allows_no_inline_script(
        self, client: Client, council: Council
    ) -> None:
        staff = signed_in(Client(), council["complaints"])
        case = complaint_at_stage1(council)
        pages = {
            **html_pages(client, ["/", "/accessibility/", "/privacy/", "/feedback/", "/follow/"]),
            **html_pages(
                staff, ["/staff/inbox/", "/staff/cases/", f"/staff/cases/{case.reference}/"]
            ),
        }

        for url, response in pages.items():
            policy = response["Content-Security-Policy"]
            assert "script-src 'self'" in policy, url
            assert "unsafe-inline" not in policy, url
            assert "frame-ancestors 'none'" in policy, url
            inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.content.decode())
            assert inline == [], url

    def test_personal_pages_are_never_stored(
        self,
        client: Client,
        council: Council,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = submitted(council_services["waste"])
        sign_in(client, case, django_capture_on_commit_callbacks)
        staff = signed_in(Client(), council["complaints"])
        staff_case = complaint_at_stage1(council)

        for response in (
            client.get("/follow/case/"),
            staff.get(f"/staff/cases/{staff_case.reference}/"),
            staff.get("/staff/inbox/"),
        ):
            assert response.status_code == 200
            assert "no-store" in response["Cache-Control"]

    def test_hsts_is_sent_behind_the_tls_proxy(self, client: Client, settings: Settings) -> None:
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        settings.SECURE_HSTS_SECONDS = 31536000
        settings.SECURE_SSL_REDIRECT = True
        settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

        proxied = client.get("/", headers={"x-forwarded-proto": "https"})
        plain = client.get("/")

        assert proxied.status_code == 200
        assert proxied["Strict-Transport-Security"].startswith("max-age=31536000")
        assert plain.status_code == 301 and plain["Location"].startswith("https://")


@pytest.fixture
def council_services(db: None) -> dict[str, Service]:
    from tests.cases.factories import ServiceFactory

    return {
        "waste": ServiceFactory(
            code="waste", name="Waste and recycling", process="corporate", landlord_function=False
        )
    }


@pytest.fixture
def council(db: None) -> Council:
    from tests.staff.personas import council_create

    return council_create()


@pytest.mark.django_db
class TestErrorPages:
    def test_the_500_page_is_the_councils_own(self) -> None:
        response = views.server_error(RequestFactory().get("/"))

        page = response.content.decode()
        assert response.status_code == 500
        assert "Sorry, there is a problem with the service" in page
        assert "Northfield Council" in page

    def test_a_database_that_is_away_gives_a_503_page_not_a_500(
        self, monkeypatch: pytest.MonkeyPatch, council_services: dict[str, Service]
    ) -> None:
        def away(*args: Any, **kwargs: Any) -> Any:
            raise OperationalError("the database system is shutting down")

        monkeypatch.setattr("putright.cases.selectors.services_offered", away)

        response = Client(raise_request_exception=False).get("/complaints/new/")

        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "the service is unavailable for a moment" in response.content.decode()
        assert "no-store" in response["Cache-Control"]

    def test_a_database_away_while_a_middleware_reads_the_session_is_a_503_too(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def away(*args: Any, **kwargs: Any) -> Any:
            raise OperationalError("the database system is shutting down")

        monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", away)
        client = Client(raise_request_exception=False)
        client.cookies["sessionid"] = "a-session-of-a-signed-in-officer"

        response = client.get("/staff/cases/")

        assert response.status_code == 503
        assert "the service is unavailable for a moment" in response.content.decode()

    def test_a_full_upload_disk_gives_a_503_page_and_keeps_the_journey(
        self, monkeypatch: pytest.MonkeyPatch, council_services: dict[str, Service]
    ) -> None:
        import errno

        from django.core.files.uploadedfile import SimpleUploadedFile

        from putright.public import uploads
        from tests.public.helpers import walk
        from tests.public.journey_data import FOR_MYSELF, PDF

        client = Client(raise_request_exception=False)
        walk(client, {k: v for k, v in FOR_MYSELF.items() if k != "attachments"})

        def full(*args: Any, **kwargs: Any) -> Any:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(uploads, "park", full)
        response = client.post(
            "/feedback/attachments/",
            {"action": "upload", "attachment": SimpleUploadedFile("a.pdf", PDF)},
        )

        assert response.status_code == 503
        assert "the service is unavailable for a moment" in response.content.decode()
        # Every earlier answer is kept: the journey picks up at the files page.
        assert client.get("/feedback/check-your-answers/")["Location"] == "/feedback/attachments/"
