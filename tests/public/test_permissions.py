"""Who may open each view of the public site, and who may not.

Anyone may give feedback and ask for a sign-in link. Only the person signed in to a case
sees it, acts on it, and downloads its files (their own uploads and the letters we sent
them); staff download a case's files only if the back office lets them see the case.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from putright.cases.models import Attachment, Case, Correspondence, Service
from putright.core import clock
from tests.public.cases import letter_sent, sign_in, submitted
from tests.staff.personas import Council, council_create, signed_in

pytestmark = pytest.mark.django_db

PERSON_VIEWS = [
    "/follow/case/",
    "/follow/case/stage-2/",
    "/follow/case/withdraw/",
    "/follow/case/add-information/",
]
OPEN_VIEWS = [
    "/feedback/",
    "/complaints/new/",
    "/follow/",
    "/follow/check-your-email/",
    "/feedback/thank-you/",
]


@pytest.fixture
def council(council_services: dict[str, Service]) -> Council:
    return council_create()


def upload_of(case: Case) -> Attachment:
    return Attachment.objects.get(
        correspondence__case=case, correspondence__direction="in", correspondence__channel="web"
    )


class TestOpenToEveryone:
    @pytest.mark.parametrize("url", OPEN_VIEWS)
    def test_anyone_can_open_it(
        self, client: Client, council_services: dict[str, Service], url: str
    ) -> None:
        assert client.get(url).status_code == 200


class TestOnlyThePersonSignedInToTheCase:
    @pytest.mark.parametrize("url", PERSON_VIEWS)
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_someone_not_signed_in_is_sent_to_sign_in_and_nothing_changes(
        self, client: Client, council_services: dict[str, Service], url: str, method: str
    ) -> None:
        case = submitted(council_services["waste"])
        version = case.version

        response = getattr(client, method)(url, {"text": "x", "related": "yes"})

        if url == "/follow/case/" and method == "post":
            assert response.status_code == 405  # the page only shows
        else:
            assert response.status_code == 302
            assert response["Location"] == "/follow/"
        case.refresh_from_db()
        assert (case.version, case.status) == (version, "received")
        assert Case.objects.count() == 1

    @pytest.mark.parametrize("url", PERSON_VIEWS)
    def test_signed_in_staff_are_not_a_person_signed_in_to_a_case(
        self, council: Council, url: str
    ) -> None:
        submitted(council.waste)
        client = signed_in(Client(), council["complaints"])

        assert client.get(url)["Location"] == "/follow/"

    def test_a_person_sees_only_the_case_they_signed_in_to(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        mine = submitted(council_services["waste"])
        theirs = submitted(council_services["waste"], email="eve@example.org")

        sign_in(client, mine, django_capture_on_commit_callbacks)

        page = client.get("/follow/case/").content.decode()
        assert mine.reference in page and theirs.reference not in page

    def test_a_link_sent_for_one_case_cannot_open_another(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        from putright.public import signin

        theirs = submitted(council_services["waste"], email="eve@example.org")
        forged = signin.link_token(case_id=theirs.pk, email="ada@example.org")

        assert client.post(f"/follow/sign-in/{forged}/").status_code == 410
        assert client.get("/follow/case/")["Location"] == "/follow/"


class TestFiles:
    def test_the_person_downloads_their_own_upload_and_our_letters(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = submitted(council_services["waste"], with_file=True)
        letter = letter_sent(case)
        sign_in(client, case, django_capture_on_commit_callbacks)

        own = client.get(f"/files/{upload_of(case).pk}/")
        sent = client.get(f"/files/{letter.pk}/")

        assert own.status_code == 200
        assert b"".join(own.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
        assert own["Content-Disposition"] == 'attachment; filename="photo.pdf"'
        assert own["Content-Type"] == "application/pdf"
        assert own["X-Content-Type-Options"] == "nosniff"
        assert own["Cache-Control"] == "private, no-store"
        assert sent.status_code == 200
        assert sent["Content-Disposition"] == 'attachment; filename="stage-1-response.pdf"'

    def test_nobody_else_gets_them(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        mine = submitted(council_services["waste"], with_file=True)
        theirs = submitted(council_services["waste"], email="eve@example.org", with_file=True)
        internal = Correspondence.objects.create(
            case=mine, direction="in", channel="email", at=clock.now(), subject="Internal"
        )
        hidden = Attachment.objects.create(
            correspondence=internal,
            file=upload_of(mine).file.name,
            original_name="internal.pdf",
            content_type="application/pdf",
            size=10,
        )

        assert Client().get(f"/files/{upload_of(mine).pk}/").status_code == 404
        sign_in(client, mine, django_capture_on_commit_callbacks)
        assert client.get(f"/files/{upload_of(theirs).pk}/").status_code == 404
        assert client.get(f"/files/{hidden.pk}/").status_code == 404
        assert client.get("/files/999999/").status_code == 404

    def test_staff_who_may_see_the_case_download_any_of_its_files(self, council: Council) -> None:
        case = submitted(council.waste, with_file=True)
        url = f"/files/{upload_of(case).pk}/"

        assert signed_in(Client(), council["complaints"]).get(url).status_code == 200
        assert signed_in(Client(), council["sam"]).get(url).status_code == 200  # waste

    def test_staff_who_may_not_see_the_case_do_not(self, council: Council) -> None:
        case = submitted(council.waste, with_file=True)
        url = f"/files/{upload_of(case).pk}/"

        assert signed_in(Client(), council["priya"]).get(url).status_code == 404  # housing
        assert signed_in(Client(), council["governance"]).get(url).status_code == 404
        half_signed_in = Client()
        half_signed_in.force_login(
            council["complaints"].user, backend="django.contrib.auth.backends.ModelBackend"
        )
        assert half_signed_in.get(url).status_code == 404  # no second factor yet
