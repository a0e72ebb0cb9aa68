"""The print-and-post queue: letters to people who asked for post or gave no email, printed
in a batch and marked posted with the date on the timeline; a letter with no postal
address held with a warning, never "posted"."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from django.test import Client

from putright.cases.models import Case, TimelineEvent
from putright.cases.services import PersonDetails
from putright.core import clock
from putright.letters import workflows
from putright.letters.models import IssuedLetter, LetterPosting
from tests.staff.personas import Council, complaint_new
from tests.staff.test_query_counts import queries_for

BY_POST = PersonDetails(name="Harold Price", phone="01632 960 777", address="9 Mill Lane, NF2 4DD")
NO_ADDRESS = PersonDetails(name="Nora Quinn", phone="01632 960 888")


def acknowledged(council: Council, person: PersonDetails) -> tuple[Case, IssuedLetter]:
    case = complaint_new(council, person=person)
    letter = workflows.acknowledge_and_issue(
        case=case,
        actor=council["complaints"].actor,
        issues=["The boiler is broken"],
        outcomes_sought="Fix it",
    )
    return case, letter


def test_a_letter_to_someone_without_email_waits_in_the_queue_and_is_downloaded(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    _case, letter = acknowledged(council, BY_POST)
    client = client_for("complaints")

    page = client.get("/staff/letters/post/").content.decode()
    batch = client.post("/staff/letters/post/", {"letters": [letter.pk], "do": "download"})

    assert letter.channel == "post"
    assert f'value="{letter.pk}"' in page
    assert batch.status_code == 200
    assert batch["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(batch.content)) as archive:
        (name,) = archive.namelist()
        assert archive.read(name) == bytes(letter.pdf)


def test_marking_posted_records_the_date_on_the_timeline_and_leaves_the_queue(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case, letter = acknowledged(council, BY_POST)
    client = client_for("complaints")
    today = clock.today()

    response = client.post(
        "/staff/letters/post/",
        {
            "letters": [letter.pk],
            "do": "posted",
            "posted_on_day": today.day,
            "posted_on_month": today.month,
            "posted_on_year": today.year,
        },
    )

    assert response.status_code == 302
    assert LetterPosting.objects.get(letter=letter).posted_on == today
    assert TimelineEvent.objects.filter(case=case, action="letter_posted").count() == 1
    assert f'value="{letter.pk}"' not in client.get("/staff/letters/post/").content.decode()
    assert (
        f"posted on {today:%-d %B %Y}"
        in client.get(f"/staff/cases/{case.reference}/").content.decode()
    )


def test_a_letter_with_no_postal_address_is_held_with_a_warning_and_never_posted(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case, letter = acknowledged(council, NO_ADDRESS)
    client = client_for("complaints")

    page = client.get("/staff/letters/post/").content.decode()
    response = client.post("/staff/letters/post/", {"letters": [letter.pk], "do": "posted"})

    assert "held: no postal address" in page
    assert f'value="{letter.pk}"' not in page
    assert response.status_code == 400
    assert not LetterPosting.objects.exists()
    case_page = client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert "held: no postal address, not posted" in case_page


def test_only_the_complaints_team_has_the_queue(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    statuses = {
        role: client_for(role).get("/staff/letters/post/").status_code
        for role in ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
    }

    assert statuses == {
        "complaints": 200,
        "priya": 403,
        "tom": 403,
        "sam": 403,
        "manager": 403,
        "insight": 403,
        "governance": 403,
    }


def test_the_queue_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for("complaints")
    acknowledged(council, BY_POST)
    acknowledged(council, NO_ADDRESS)
    one = queries_for(client, "/staff/letters/post/")
    for _ in range(5):
        acknowledged(council, BY_POST)
        acknowledged(council, NO_ADDRESS)

    assert queries_for(client, "/staff/letters/post/") == one
