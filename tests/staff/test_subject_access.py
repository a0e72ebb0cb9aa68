"""Subject access (UK GDPR Art. 15): the person's archive holds their letters, files, timeline
and own equality answers, and nothing about anyone else; only the complaints team makes one,
and making one is recorded on each of the person's cases."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from putright.cases import services
from putright.cases.models import Case, Person, TimelineEvent
from putright.cases.services import PersonDetails
from putright.cases.services.correspondence import correspondence_log
from putright.cases.services.online import Upload
from putright.core import clock
from putright.letters import workflows
from putright.letters.models import IssuedLetter
from tests.staff.personas import RESIDENT, Council, complaint_new

pytestmark = pytest.mark.django_db
ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
OK, BAD, REFUSED, HIDDEN = 200, 400, 403, 404
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OTHER = PersonDetails(name="Derek Hollis", email="derek.hollis@example.org")


def acknowledged(council: Council, case: Case) -> Case:
    workflows.acknowledge_and_issue(
        case=case,
        actor=council["complaints"].actor,
        issues=["Black mould in the bedroom"],
        outcomes_sought="Fix the mould.",
        officer=council["priya"].officer,
    )
    case.refresh_from_db()
    return case


def with_file(council: Council, case: Case, name: str = "mould-photo.pdf") -> None:
    correspondence_log(
        case=case,
        actor=council["complaints"].actor,
        kind="email",
        direction="in",
        on=clock.today(),
        summary="Photos of the mould",
        uploads=[
            Upload(
                name=name,
                content_type="application/pdf",
                size=len(PDF),
                file=ContentFile(PDF),
                extension=".pdf",
            )
        ],
    )


def margarets_cases(council: Council, n: int, person: Person | None = None) -> list[Case]:
    """`n` cases of Margaret Wilson's (the same person each time, `person` when given), each
    with a letter and a file."""
    made = []
    for i in range(n):
        contact = services.contact_record(
            channel="phone",
            person=RESIDENT,
            service=council.housing,
            text=f"Mould, report {i + 1}.",
            actor=council["complaints"].actor,
            outcomes_sought="Fix the mould.",
            known_person=person,
        )
        person = contact.person
        case = acknowledged(council, contact)
        with_file(council, case)
        made.append(case)
    return made


@pytest.fixture
def margaret(council: Council) -> list[Case]:
    """Margaret's two cases (letters, a file, her equality answers), and Derek Hollis's case
    beside them, with his own letter and answers, and a contact of his joined into hers."""
    first, second = margarets_cases(council, 2)
    services.equality_answers_record(
        case=first, answers={"religion": "Christian", "age_band": "65 to 74"}
    )
    derek = acknowledged(council, complaint_new(council, person=OTHER, text="Derek Hollis here."))
    with_file(council, derek, name="derek-hollis-photo.pdf")
    services.equality_answers_record(case=derek, answers={"religion": "Buddhist"})
    joined = complaint_new(council, person=OTHER, text="Derek Hollis: the same mould next door.")
    services.contact_join_case(case=joined, open_case=first, actor=council["complaints"].actor)
    return [first, second]


def archive_of(client: Client, case: Case) -> zipfile.ZipFile:
    response = client.post(f"/staff/cases/{case.reference}/subject-access/")
    assert response.status_code == OK
    assert response["Content-Type"] == "application/zip"
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return zipfile.ZipFile(io.BytesIO(body))


def texts_of(archive: zipfile.ZipFile, tmp_path: Path) -> dict[str, str]:
    """Every file of the archive as text (PDFs through pdftotext), by name."""
    texts = {}
    for name in archive.namelist():
        data = archive.read(name)
        if name.endswith(".pdf") and data.startswith(b"%PDF") and len(data) > len(PDF):
            path = tmp_path / "one.pdf"
            path.write_bytes(data)
            texts[name] = subprocess.run(  # noqa: S603 - a fixed tool on a file we wrote
                ["pdftotext", "-q", str(path), "-"],  # noqa: S607
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        else:
            texts[name] = data.decode("utf-8", errors="replace")
    return texts


class TestTheArchiveForADemoPerson:
    def test_it_holds_their_letters_files_timeline_and_equality_answers(
        self, margaret: list[Case], client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        archive = archive_of(client_for("complaints"), margaret[0])
        names = set(archive.namelist())
        texts = texts_of(archive, tmp_path)

        assert {"summary.pdf", "person.json"} <= names
        for case in margaret:
            base = f"cases/{case.reference}"
            letters = [n for n in names if n.startswith(f"{base}/letters/")]
            files = [n for n in names if n.startswith(f"{base}/files/")]
            assert len(letters) == IssuedLetter.objects.filter(case=case).count() == 1
            assert len(files) == 1
            assert "Margaret Wilson" in texts[letters[0]]
            timeline = json.loads(texts[f"{base}/timeline.json"])
            recorded = TimelineEvent.objects.filter(case=case).exclude(
                action="subject_access_export"
            )
            assert [e["summary"] for e in timeline] == [e.summary for e in recorded]
            assert case.reference in texts["summary.pdf"]
        answers = json.loads(texts[f"cases/{margaret[0].reference}/equality-monitoring.json"])
        assert answers["religion"] == "Christian"
        assert f"cases/{margaret[1].reference}/equality-monitoring.json" not in names
        assert "Margaret Wilson" in texts["summary.pdf"]
        assert json.loads(texts["person.json"])["name"] == "Margaret Wilson"

    def test_no_other_persons_name_is_anywhere_in_it(
        self, margaret: list[Case], client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        archive = archive_of(client_for("complaints"), margaret[0])
        texts = texts_of(archive, tmp_path)
        others = Person.objects.exclude(pk=margaret[0].person_id).values_list("name", flat=True)
        assert "Derek Hollis" in others

        for other in others:
            for word in (other, other.replace(" ", "-").lower(), other.split()[-1]):
                assert not [n for n in texts if word.casefold() in n.casefold()], word
                assert not [n for n, t in texts.items() if word.casefold() in t.casefold()], word
        assert "Buddhist" not in " ".join(texts.values())

    def test_it_is_recorded_once_on_each_of_the_persons_cases_and_not_stored(
        self, margaret: list[Case], council: Council, client_for: Callable[[str], Client]
    ) -> None:
        archive_of(client_for("complaints"), margaret[1])

        for case in margaret:
            events = TimelineEvent.objects.filter(case=case, action="subject_access_export")
            assert [(e.actor_label, e.at.date()) for e in events] == [
                ("Jess Walker", clock.today())
            ]
        assert not TimelineEvent.objects.filter(
            action="subject_access_export", case__person__name="Derek Hollis"
        ).exists()


class TestWhoMayExport:
    @pytest.mark.parametrize(
        ("role", "expected"),
        [
            ("complaints", OK),
            ("priya", REFUSED),
            ("tom", REFUSED),
            ("sam", HIDDEN),
            ("manager", REFUSED),
            ("insight", REFUSED),
            ("governance", REFUSED),
        ],
    )
    def test_only_the_complaints_team_may_and_nothing_is_recorded_otherwise(
        self,
        role: str,
        expected: int,
        margaret: list[Case],
        client_for: Callable[[str], Client],
    ) -> None:
        client = client_for(role)
        url = f"/staff/cases/{margaret[0].reference}/subject-access/"

        assert client.get(url).status_code == expected
        posted = client.post(url)

        assert posted.status_code == expected
        recorded = TimelineEvent.objects.filter(action="subject_access_export").exists()
        assert recorded == (role == "complaints")

    def test_the_case_page_links_to_it_for_the_complaints_team_only(
        self, margaret: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        url = f"/staff/cases/{margaret[0].reference}/"
        link = f"/staff/cases/{margaret[0].reference}/subject-access/"

        assert link in client_for("complaints").get(url).content.decode()
        assert link not in client_for("priya").get(url).content.decode()

    def test_a_restricted_case_is_left_out_and_counted(
        self, margaret: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        Case.objects.filter(pk=margaret[1].pk).update(restricted=True)
        client = client_for("complaints")

        page = client.get(f"/staff/cases/{margaret[0].reference}/subject-access/")
        archive = archive_of(client, margaret[0])

        assert "Restricted cases left out" in page.content.decode()
        assert not [n for n in archive.namelist() if margaret[1].reference in n]
        assert not TimelineEvent.objects.filter(
            case=margaret[1], action="subject_access_export"
        ).exists()


def test_the_export_runs_at_most_one_query_per_case(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    """The reads are a fixed number of queries whatever the number of cases; recording it is
    one timeline row per case. So: at most one more query for each further case."""
    client = client_for("complaints")

    def queries_for_export(case: Case) -> int:
        client.post(f"/staff/cases/{case.reference}/subject-access/")  # warm caches
        with CaptureQueriesContext(connection) as captured:
            response = client.post(f"/staff/cases/{case.reference}/subject-access/")
        assert response.status_code == OK
        return len(captured.captured_queries)

    first = margarets_cases(council, 1)[0]
    one = queries_for_export(first)
    margarets_cases(council, 4, person=first.person)
    five = queries_for_export(first)

    assert five - one <= 4
    assert Case.objects.filter(person_id=first.person_id).count() == 5


def test_the_page_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    from tests.staff.test_query_counts import queries_for

    client = client_for("complaints")
    first = margarets_cases(council, 1)[0]
    url = f"/staff/cases/{first.reference}/subject-access/"
    one = queries_for(client, url)
    margarets_cases(council, 3, person=first.person)
    assert queries_for(client, url) == one


def test_a_contact_with_no_letters_or_files_still_exports_its_timeline(
    council: Council, client_for: Callable[[str], Client], tmp_path: Path
) -> None:
    case = complaint_new(council, received=clock.today() - dt.timedelta(days=1))
    archive = archive_of(client_for("complaints"), case)

    names = archive.namelist()
    assert f"cases/{case.reference}/timeline.json" in names
    assert not [n for n in names if "/letters/" in n or "/files/" in n]
    assert "No letters." in texts_of(archive, tmp_path)["summary.pdf"]


def test_the_summary_is_a_tagged_pdf_with_a_title(
    council: Council, client_for: Callable[[str], Client], tmp_path: Path
) -> None:
    from tests.letters.conftest import pdf_info

    case = complaint_new(council)
    summary = archive_of(client_for("complaints"), case).read("summary.pdf")

    info = pdf_info(summary, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Subject access: the record we hold about Margaret Wilson"


def test_a_demo_persons_archive_names_no_other_person_in_the_demo_council(
    tmp_path: Path,
) -> None:
    """The demo council (seed_demo, which issues no letters and keeps no files): the person
    with the most cases, given their equality answers; every file of their archive, the
    summary PDF included, is searched for every other person's full name."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models import Count

    from putright.accounts.models import StaffRole
    from putright.accounts.permissions import StaffMember
    from putright.cases.models import Officer
    from putright.staff.subject_access import subject_access_export

    call_command("seed_demo", "--cases", "40", stdout=io.StringIO())
    person = Person.objects.annotate(n=Count("cases")).filter(n__gt=0).order_by("-n", "pk").first()
    assert person is not None
    for case in Case.objects.filter(person=person):
        services.equality_answers_record(case=case, answers={"religion": "Christian"})
    # The demo's complaints team officer, as the back office would see them signed in.
    user = get_user_model().objects.get(username="complaints.team")
    officer = Officer.objects.get(user=user)
    member = StaffMember(
        user_id=user.pk,
        name=officer.name,
        role=StaffRole.COMPLAINTS_TEAM,
        service_id=None,
        officer=officer,
    )

    made = subject_access_export(member=member, person=person)
    archive = zipfile.ZipFile(made.stream)
    texts = texts_of(archive, tmp_path)

    assert len([n for n in texts if n.endswith("timeline.json")]) == person.cases.count()
    assert len([n for n in texts if n.endswith("equality-monitoring.json")]) == person.cases.count()
    others = set(Person.objects.exclude(name=person.name).values_list("name", flat=True))
    assert len(others) > 10
    everything = " ".join([*texts, *texts.values()]).casefold()
    assert [name for name in others if name.casefold() in everything] == []
