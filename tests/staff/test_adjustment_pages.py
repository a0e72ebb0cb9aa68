"""Reasonable adjustments on the person: recorded, reviewed and ended from the case page,
each change one timeline entry; each need handled by its configured rule (Braille and audio
letters kept for the post flagged for transcription, BSL and interpreters a banner to book
one for a meeting or call). Permissions, query counts and bad input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from putright.cases import services
from putright.cases.models import Case, ReasonableAdjustment, StageRecord, TimelineEvent
from putright.cases.services import PersonDetails
from putright.core import clock
from putright.letters import workflows
from putright.letters.adjustments import HandlingMisconfigured, _parse, handling_rules
from putright.letters.models import IssuedLetter
from putright.notifications.models import OutboxMessage
from tests.staff.personas import Council, complaint_at_stage1, complaint_new

pytestmark = pytest.mark.django_db
ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
OK, REDIRECT, BAD, REFUSED, HIDDEN = 200, 302, 400, 403, 404

# Has an email address: the Braille rule must keep letters in the post queue regardless.
READER = PersonDetails(
    name="Arthur Penrose",
    email="arthur.penrose@example.org",
    address="14 Station Road, NF1 2AB",
    is_tenant_or_leaseholder=True,
)


def dated(prefix: str, day: dt.date) -> dict[str, object]:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def add(client: Client, case: Case, kind: str, **more: object) -> object:
    case.refresh_from_db()
    data = {"version": case.version, "kind": kind, "detail": "", **more}
    return client.post(f"/staff/cases/{case.reference}/adjustments/add/", data)


def adjustment_on(case: Case, council: Council, kind: str = "bsl") -> ReasonableAdjustment:
    case.refresh_from_db()
    return services.adjustment_add(
        case=case,
        actor=council["complaints"].actor,
        kind=kind,
        review_on=clock.today() + dt.timedelta(days=60),
    )


@pytest.fixture
def case(council: Council) -> Case:
    return complaint_at_stage1(council, officer="priya")


class TestBraille:
    def test_an_adjustment_for_braille_puts_every_letter_of_the_case_in_the_print_queue_flagged_for_transcription(  # noqa: E501
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_new(council, person=READER)
        client = client_for("complaints")
        assert add(client, case, "braille").status_code == REDIRECT

        case.refresh_from_db()
        client.post(
            f"/staff/cases/{case.reference}/acknowledge/",
            {
                "version": case.version,
                "issues": "The boiler is broken",
                "outcomes_sought": "Fix it",
                "definition_state": "agreed",
            },
        )
        case.refresh_from_db()
        stage = StageRecord.objects.get(case=case, number=1)
        assert stage.respond_by is not None
        workflows.extend_and_issue(
            case=case,
            actor=council["complaints"].actor,
            new_due=stage.respond_by + dt.timedelta(days=7),
            reason="We are waiting for the surveyor's report.",
        )

        letters = list(IssuedLetter.objects.filter(case=case).order_by("id"))
        assert [x.kind for x in letters] == ["acknowledgement", "extension_notice"]
        assert {(x.channel, x.transcription, x.to_address) for x in letters} == {
            ("post", "Braille", "")
        }
        assert not OutboxMessage.objects.filter(
            case_reference=case.reference, kind__startswith="letter:"
        ).exists()
        queue = client.get("/staff/letters/post/").content.decode()
        for letter in letters:
            assert f'value="{letter.pk}"' in queue
        assert queue.count("For transcription: Braille") == len(letters)
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert "for transcription into Braille" in page

    def test_once_the_adjustment_ends_letters_go_by_email_again(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_new(council, person=READER)
        braille = adjustment_on(case, council, "braille")
        client = client_for("complaints")
        ended = client.post(
            f"/staff/cases/{case.reference}/adjustments/end/{braille.pk}/",
            {"version": case.version, "note": "Mr Penrose now uses a screen reader."},
        )
        assert ended.status_code == REDIRECT
        case.refresh_from_db()
        letter = workflows.acknowledge_and_issue(
            case=case, actor=council["complaints"].actor, issues=["Boiler"], outcomes_sought="Fix"
        )
        assert (letter.channel, letter.transcription) == ("email", "")

    def test_audio_letters_are_flagged_too(self, council: Council) -> None:
        case = complaint_new(council, person=READER)
        adjustment_on(case, council, "audio")
        letter = workflows.acknowledge_and_issue(
            case=case, actor=council["complaints"].actor, issues=["Boiler"], outcomes_sought="Fix"
        )
        assert (letter.channel, letter.transcription) == ("post", "Audio")


class TestBookingSupport:
    @pytest.mark.parametrize(
        ("kind", "detail", "says"),
        [
            ("bsl", "", "book a British Sign Language interpreter"),
            ("interpreter", "Polish", "book an interpreter (Polish)"),
        ],
    )
    def test_bsl_and_interpreters_tell_the_officer_to_book_one_for_a_meeting_or_call(
        self,
        kind: str,
        detail: str,
        says: str,
        case: Case,
        client_for: Callable[[str], Client],
    ) -> None:
        client = client_for("priya")
        assert add(client, case, kind, detail=detail).status_code == REDIRECT
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert "When you plan a meeting or call with this person, " + says in page

    def test_large_print_asks_for_no_booking(
        self, case: Case, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        adjustment_on(case, council, "large_print")
        page = client_for("priya").get(f"/staff/cases/{case.reference}/").content.decode()
        assert "Reasonable adjustment: Large print" in page
        assert "When you plan a meeting or call" not in page


class TestReviewAndEnd:
    def test_each_change_is_one_timeline_entry_and_the_review_moves_the_date(
        self, case: Case, client_for: Callable[[str], Client]
    ) -> None:
        today = clock.today()
        client = client_for("priya")
        review = today + dt.timedelta(days=30)
        assert add(client, case, "bsl", **dated("review_on", review)).status_code == REDIRECT
        adjustment = ReasonableAdjustment.objects.get(person_id=case.person_id)
        assert adjustment.review_on == review
        base = f"/staff/cases/{case.reference}/adjustments"
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert f"{base}/review/{adjustment.pk}/" in page
        assert f"{base}/end/{adjustment.pk}/" in page

        later = today + dt.timedelta(days=180)
        reviewed = client.post(
            f"{base}/review/{adjustment.pk}/",
            {**dated("next_review_on", later), "note": "Still needs BSL for calls"},
        )
        adjustment.refresh_from_db()
        assert reviewed.status_code == REDIRECT
        assert (adjustment.review_on, adjustment.last_reviewed_on) == (later, today)

        ended = client.post(f"{base}/end/{adjustment.pk}/", {"note": "No longer needed"})
        adjustment.refresh_from_db()
        assert ended.status_code == REDIRECT and adjustment.ended_on == today
        actions = TimelineEvent.objects.filter(case=case, action__startswith="adjustment_")
        assert sorted(actions.values_list("action", flat=True)) == [
            "adjustment_added",
            "adjustment_ended",
            "adjustment_reviewed",
        ]
        assert client.get(f"{base}/end/{adjustment.pk}/").status_code == HIDDEN
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert "Reasonable adjustment: British Sign Language" not in page

    def test_an_interpreter_without_a_language_is_refused_and_changes_nothing(
        self, case: Case, client_for: Callable[[str], Client]
    ) -> None:
        reply = add(client_for("priya"), case, "interpreter")
        assert reply.status_code == BAD
        assert "Say which language or what adjustment is needed" in reply.content.decode()
        assert not ReasonableAdjustment.objects.exists()

    def test_a_review_date_not_after_today_is_refused_and_changes_nothing(
        self, case: Case, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        today = clock.today()
        client = client_for("priya")
        reply = add(client, case, "bsl", **dated("review_on", today))
        assert reply.status_code == BAD
        assert "The review date must be after today" in reply.content.decode()
        adjustment = adjustment_on(case, council)
        reviewed = client.post(
            f"/staff/cases/{case.reference}/adjustments/review/{adjustment.pk}/",
            {**dated("next_review_on", today), "note": "Checked"},
        )
        assert reviewed.status_code == BAD
        assert "The next review date must be after today" in reviewed.content.decode()
        adjustment.refresh_from_db()
        assert adjustment.last_reviewed_on is None
        assert not TimelineEvent.objects.filter(action="adjustment_reviewed").exists()


class TestHandlingRules:
    def test_each_need_has_a_handling_rule_in_configuration(self) -> None:
        rules = handling_rules()
        assert {k: rules[k].rule for k in ("large_print", "braille", "audio", "bsl")} == {
            "large_print": "large_print",
            "braille": "transcribe",
            "audio": "transcribe",
            "bsl": "book_support",
        }
        assert rules["interpreter"].rule == "book_support"
        assert set(rules) == {k for k, _ in ReasonableAdjustment.KINDS}

    def test_a_rule_without_its_detail_is_refused(self) -> None:
        with pytest.raises(HandlingMisconfigured):
            _parse({"braille": {"rule": "transcribe"}})
        with pytest.raises(HandlingMisconfigured):
            _parse({"bsl": {"rule": "phone_them"}})


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_allowed_or_refused_on_the_adjustment_pages(
    role: str, case: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    adjustment = adjustment_on(case, council)
    base = f"/staff/cases/{case.reference}/adjustments"
    expected = {
        "complaints": OK,
        "priya": OK,
        "manager": OK,
        "tom": REFUSED,
        "sam": HIDDEN,
        "insight": REFUSED,
        "governance": REFUSED,
    }[role]
    client = client_for(role)
    for url in (f"{base}/add/", f"{base}/review/{adjustment.pk}/", f"{base}/end/{adjustment.pk}/"):
        assert client.get(url).status_code == expected, url
    posted = client.post(f"{base}/end/{adjustment.pk}/", {"note": "Not needed"})
    assert posted.status_code == (REDIRECT if expected == OK else expected)


def test_each_adjustment_page_and_the_case_page_run_a_fixed_number_of_queries(
    case: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    from tests.staff.test_query_counts import queries_for

    first = adjustment_on(case, council, "braille")
    base = f"/staff/cases/{case.reference}/adjustments"
    urls = [
        f"{base}/add/",
        f"{base}/review/{first.pk}/",
        f"{base}/end/{first.pk}/",
        f"/staff/cases/{case.reference}/",
    ]
    client = client_for("complaints")
    one = [queries_for(client, url) for url in urls]
    for kind in ("bsl", "interpreter", "audio", "large_print", "easy_read"):
        ReasonableAdjustment.objects.create(person_id=case.person_id, kind=kind, detail="x")
    assert [queries_for(client, url) for url in urls] == one


def test_the_post_queue_runs_a_fixed_number_of_queries_with_flagged_letters(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    from tests.staff.test_query_counts import queries_for

    client = client_for("complaints")

    def flagged_letter() -> None:
        case = complaint_new(council, person=READER)
        adjustment_on(case, council, "braille")
        workflows.acknowledge_and_issue(
            case=case, actor=council["complaints"].actor, issues=["Boiler"], outcomes_sought="Fix"
        )

    flagged_letter()
    one = queries_for(client, "/staff/letters/post/")
    for _ in range(3):
        flagged_letter()
    assert queries_for(client, "/staff/letters/post/") == one
