"""Retention: six years after a case ends, its personal data goes from everywhere (case,
person, contacts, representatives, timeline, correspondence, attachments, the outbox) while
everything reports count stays exactly as it was. On SQLite and on PostgreSQL, where the
timeline's append-only trigger lets only the retention path through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum
from pytest_django.fixtures import Settings

from putright.cases import services
from putright.cases.models import (
    Attachment,
    Case,
    ComplaintIssue,
    Contact,
    Correspondence,
    Officer,
    OmbudsmanCase,
    OutstandingAction,
    Person,
    Remedy,
    ServiceImprovement,
    StageRecord,
    TimelineEvent,
    TimelineIsAppendOnly,
)
from putright.cases.selectors import equality_answers_aggregate
from putright.cases.services import ActionOwner, Actor, PersonDetails
from putright.cases.services.representatives import consent_decide
from putright.cases.services.retention import (
    AnonymisedCase,
    cases_anonymise,
    retention_hook,
    retention_hooks,
)
from putright.notifications.models import OutboxMessage
from putright.notifications.services import email_enqueue
from putright.policy.lifecycle import Decision, IssueDecision, ResponseContent
from tests.cases.conftest import at
from tests.notifications.scheduler.conftest import run

pytestmark = pytest.mark.django_db
D = dt.date

# Everything that identifies the person, or that they or staff wrote about them, carries
# one of these; after retention none may be found in any column of any table.
MARKERS = ("zebedee", "quartermaine", "quince", "07700 900123", "nf9 9zz")
ZEBEDEE = PersonDetails(
    name="Zebedee Quartermaine",
    email="zebedee.quartermaine@example.org",
    phone="07700 900123",
    address="12 Quince Lane, Northfield",
    postcode="NF9 9ZZ",
    is_tenant_or_leaseholder=True,
)
CLOSED = D(2026, 12, 18)
# Six years on: the first day the case is past retention.
PAST = D(2032, 12, 18)


def response(stage: int) -> ResponseContent:
    return ResponseContent(
        stage=stage,
        complaint_definition="Zebedee says the mould at 12 Quince Lane was never treated.",
        decision=Decision.UPHELD,
        issues=(
            IssueDecision(
                "Mould behind Zebedee's wardrobe", Decision.UPHELD, "No survey for Zebedee."
            ),
        ),
        reasons="Quince Lane should have had a survey within 10 working days.",
        remedies=("An apology to Zebedee", "£150 to Zebedee Quartermaine"),
        no_outstanding_actions=True,
        how_to_escalate="Zebedee can ask the Housing Ombudsman.",
        ombudsman="housing_ombudsman",
    )


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def full_case(
    complaint: Callable[..., Case], team: Actor, officer: Officer, media: Path
) -> Callable[..., Case]:
    """A housing complaint with something in every corner of the case record, closed on
    `closed`, plus an email about it in the outbox."""

    def make(closed: D = CLOSED, person: PersonDetails = ZEBEDEE) -> Case:
        case = complaint(D(2026, 11, 2), person=person)
        Contact.objects.filter(case=case).update(
            outcomes_sought="Zebedee wants the Quince Lane bedroom repainted"
        )
        services.complaint_acknowledge(
            case=case,
            actor=team,
            issues=["Mould behind Zebedee's wardrobe at Quince Lane"],
            outcomes_sought="Zebedee wants a repaint",
            responsible="Repairs at 12 Quince Lane",
            not_responsible="Zebedee's own furniture",
            officer=officer,
            on=D(2026, 11, 4),
        )
        me = Actor.of(officer)
        rep = services.representative_add(
            case=case,
            actor=me,
            name="Yolanda Quince",
            relationship="family",
            email="yolanda.quince@example.org",
            organisation="Quince family",
        )
        consent_decide(
            case=case,
            actor=me,
            representative=rep,
            state="received",
            evidence="Form signed by Zebedee Quartermaine",
            on=D(2026, 11, 5),
        )
        services.adjustment_add(
            case=case, actor=me, kind="interpreter", detail="Polish, for Zebedee"
        )
        services.disability_add(case=case, actor=me, description="Zebedee has arthritis")
        services.restriction_impose(
            case=case,
            actor=me,
            restriction="Zebedee may phone on Mondays only",
            reason="Zebedee shouted at Quince Lane staff",
            scope="phone",
            starts_on=D(2026, 11, 6),
            review_on=D(2027, 5, 6),
        )
        services.contractor_feedback_request(
            case=case, actor=me, contractor="Acme Repairs", on=D(2026, 11, 5)
        )
        services.contractor_feedback_record(
            case=case,
            actor=me,
            feedback="Acme visited Zebedee on 5 November",
            asked_on=D(2026, 11, 5),
            on=D(2026, 11, 6),
        )
        services.stage_extend(
            case=case,
            actor=me,
            new_due=D(2026, 11, 25),
            reason="Zebedee away until the 20th",
            on=D(2026, 11, 10),
        )
        money = services.remedy_offer(
            case=case,
            actor=me,
            kind="financial_time_trouble",
            description="£150 to Zebedee for time and trouble",
            amount=Decimal("150.00"),
            on=D(2026, 11, 20),
        )
        services.remedy_update(case=case, actor=me, remedy=money, state="accepted", on=CLOSED)
        services.remedy_offer(
            case=case,
            actor=me,
            kind="apology",
            description="Apology to Zebedee",
            on=D(2026, 11, 20),
        )
        action = services.action_add(
            case=case,
            actor=me,
            description="Treat the mould at 12 Quince Lane",
            owner=ActionOwner(kind="contractor", name="Acme Repairs"),
            due_on=D(2026, 12, 11),
            on=D(2026, 11, 20),
        )
        services.action_update(
            case=case,
            actor=me,
            action=action,
            text="Told Zebedee the surveyor comes on Monday",
            completed=True,
            on=D(2026, 12, 7),
        )
        improvement = services.improvement_record(
            cases=[case],
            actor=me,
            service=case.service,
            theme="timeliness",
            description="Zebedee's report sat unread: Quince Lane patch gets a weekly check",
            owner=officer,
            due_on=D(2026, 12, 14),
            on=D(2026, 12, 7),
        )
        services.improvement_complete(
            improvement=improvement,
            actor=me,
            note="Weekly checks of Quince Lane since 14 December",
            on=D(2026, 12, 14),
        )
        services.equality_answers_record(
            case=case, answers={"age_band": "65 to 74", "disability": "Yes"}
        )
        services.stage_respond(case=case, actor=me, content=response(1), on=D(2026, 11, 24))
        letter = Correspondence.objects.create(
            case=case,
            direction="out",
            channel="email",
            at=at(D(2026, 11, 24)),
            subject="Your complaint, Zebedee",
            body="Dear Zebedee Quartermaine, about 12 Quince Lane...",
            letter_kind="stage1_response",
        )
        photo = Attachment(
            correspondence=letter,
            original_name="zebedee-quince-lane.jpg",
            content_type="image/jpeg",
            size=22,
        )
        photo.file.save("zebedee-quince-lane.jpg", ContentFile(b"Zebedee's mould photo"))
        with transaction.atomic():
            email_enqueue(
                to=person.email,
                subject=f"{person.name}, your complaint {case.reference}",
                body="Dear Zebedee, we have your complaint about Quince Lane.",
                kind="acknowledgement",
                case_reference=case.reference,
                attachments=[("letter.txt", b"Zebedee Quartermaine letter", "text/plain")],
            )
        services.case_close(case=case, actor=team, on=closed)
        case.refresh_from_db()
        return case

    return make


def everything() -> str:
    """Every value of every row of every table, lower-cased, as one string."""
    parts = []
    for model in apps.get_models():
        rows = model._base_manager.values()
        parts.append(f"{model._meta.label}: {[list(row.values()) for row in rows]}")
    return "\n".join(parts).lower()


def report_counts() -> dict[str, Any]:
    """What the reports count: cases by service, status, stage, kind, dates, decisions;
    remedies and their amounts; actions, extensions, Ombudsman findings, equality answers."""
    return {
        "cases": list(
            Case.objects.values(
                "service__code",
                "status",
                "stage",
                "kind",
                "process",
                "channel",
                "received_on",
                "closed_on",
                "ombudsman",
                "exclusion_code",
                "landlord_matter",
            )
            .annotate(n=Count("pk"))
            .order_by("pk")
        ),
        "stages": list(
            StageRecord.objects.values(
                "number",
                "overall_decision",
                "acknowledged_on",
                "respond_by",
                "max_by",
                "responded_on",
                "contractor_asked_on",
                "contractor_feedback_on",
                "response__decision",
            ).order_by("pk")
        ),
        "issues": list(ComplaintIssue.objects.values("decision").annotate(n=Count("pk"))),
        "remedies": list(
            Remedy.objects.values("kind", "state", "offered_on", "accepted_on")
            .annotate(n=Count("pk"), total=Sum("amount"))
            .order_by("kind")
        ),
        "actions": list(OutstandingAction.objects.values("due_on", "completed_on", "owner_kind")),
        "extensions": list(StageRecord.objects.values("extensions__new_due_on")),
        "contacts": list(Contact.objects.values("channel", "kind", "received_at")),
        "representatives": list(
            Case.objects.values("representatives__relationship", "representatives__consent_state")
        ),
        "adjustments": list(Person.objects.values("adjustments__kind")),
        "ombudsman": list(OmbudsmanCase.objects.values("maladministration_found")),
        "improvements": list(
            ServiceImprovement.objects.values(
                "service_id", "theme", "owner_id", "due_on", "completed_on", "recorded_on", "cases"
            ).order_by("pk", "cases")
        ),
        "equality": {f: equality_answers_aggregate(field=f) for f in ("age_band", "disability")},
        "timeline": list(
            TimelineEvent.objects.exclude(action="anonymised")
            .values("action")
            .annotate(n=Count("pk"))
            .order_by("action")
        ),
    }


class TestRetention:
    def test_a_case_past_retention_keeps_no_personal_data_anywhere_and_the_counts_stand(
        self, full_case: Callable[..., Case], media: Path
    ) -> None:
        case = full_case()
        before = everything()
        assert all(marker in before for marker in MARKERS)  # the markers were everywhere
        assert [p.name for p in media.rglob("*") if p.is_file()] == ["zebedee-quince-lane.jpg"]
        counts = report_counts()

        results = {r.job: r for r in run(PAST, "retention")}

        assert results["retention"].anonymised == 1
        after = everything()
        assert [m for m in MARKERS if m in after] == []
        assert report_counts() == counts
        assert not [p for p in media.rglob("*") if p.is_file()]  # the photo's file is gone
        assert not Attachment.objects.exists()
        assert not OutboxMessage.objects.filter(case_reference=case.reference).exists()
        case.refresh_from_db()
        assert case.anonymised_at is not None and case.person.anonymised_at is not None
        assert case.person.name == "Anonymised"
        last = case.timeline.order_by("id").last()
        assert last is not None and last.action == "anonymised"

    def test_the_timeline_keeps_its_events_codes_and_dates_but_no_words(
        self, full_case: Callable[..., Case]
    ) -> None:
        case = full_case()
        actions = list(case.timeline.values_list("action", "at"))
        run(PAST, "retention")
        events = list(case.timeline.order_by("at", "id"))
        assert [(e.action, e.at) for e in events[:-1]] == actions
        respond = next(e for e in events if e.action == "respond")
        assert respond.after == {
            "status": "responded",
            "stage": 1,
            "decision": "upheld",
            "final": False,
        }
        assert respond.summary == "Respond (details removed after the retention period)"
        extend = next(e for e in events if e.action == "extend")
        assert extend.after == {
            "status": "in_progress",
            "stage": 1,
            "respond_by": "2026-11-25",
            "beyond_maximum": False,
        }
        record = StageRecord.objects.get(case=case, number=1)
        assert record.response == {
            "stage": 1,
            "decision": "upheld",
            "issues": [{"decision": "upheld"}],
        }

    def test_a_case_not_yet_past_retention_is_untouched(
        self, full_case: Callable[..., Case]
    ) -> None:
        full_case()
        before = everything()
        results = {r.job: r for r in run(PAST - dt.timedelta(days=1), "retention")}
        assert results["retention"].anonymised == 0
        assert everything() == before

    def test_a_person_with_a_case_still_kept_is_kept_with_it(
        self, full_case: Callable[..., Case]
    ) -> None:
        old = full_case()
        newer = full_case(closed=D(2027, 6, 1))
        # The same person came back (the intake made a second Person row; join them up).
        Case.objects.filter(pk=newer.pk).update(person=old.person)

        run(PAST, "retention")

        old.refresh_from_db()
        newer.refresh_from_db()
        assert old.anonymised_at is not None and newer.anonymised_at is None
        person = Person.objects.get(pk=old.person_id)
        assert person.anonymised_at is None and person.name == "Zebedee Quartermaine"
        assert newer.summary.startswith("Black mould")
        # Six years after the second case ended, the person goes too.
        run(D(2033, 6, 1), "retention")
        person.refresh_from_db()
        assert person.anonymised_at is not None and person.email == ""

    def test_a_service_improvement_keeps_its_words_until_every_case_behind_it_is_anonymised(
        self, full_case: Callable[..., Case], officer: Officer
    ) -> None:
        old = full_case()
        newer = full_case(closed=D(2027, 6, 1))
        improvement = ServiceImprovement.objects.get(cases=old)
        improvement.cases.add(newer)

        run(PAST, "retention")

        improvement.refresh_from_db()
        assert improvement.description.startswith("Zebedee's report sat unread")
        assert improvement.completion_note.startswith("Weekly checks")
        # Six years after the second case ended, no case behind it is kept: the words go,
        # the improvement (its service, theme, owner and dates) stays for the reports.
        run(D(2033, 6, 1), "retention")
        improvement.refresh_from_db()
        assert improvement.description == "Details removed after the retention period"
        assert improvement.completion_note == ""
        assert (improvement.theme, improvement.completed_on) == ("timeliness", D(2026, 12, 14))
        assert set(improvement.cases.all()) == {old, newer}

    def test_running_it_again_does_nothing_more(self, full_case: Callable[..., Case]) -> None:
        full_case()
        run(PAST, "retention")
        before = everything()
        results = {r.job: r for r in run(PAST, "retention")}
        assert results["retention"].anonymised == 0
        assert everything() == before

    def test_withdrawn_and_excluded_cases_are_anonymised_open_ones_never(
        self, complaint: Callable[..., Case], team: Actor
    ) -> None:
        withdrawn = complaint(D(2026, 11, 2))
        services.case_withdraw(case=withdrawn, actor=team, channel="phone", on=D(2026, 11, 3))
        excluded = complaint(D(2026, 11, 2))
        services.case_exclude(
            case=excluded,
            actor=team,
            code="decided_by_court",
            reasons="The county court decided this in 2025.",
            on=D(2026, 11, 3),
        )
        still_open = complaint(D(2026, 11, 2))
        # An excluded case ends on its last change, which the services stamp with the clock.
        Case.objects.filter(pk=excluded.pk).update(updated_at=at(D(2026, 11, 3)))

        run(D(2032, 11, 3), "retention")

        anonymised = set(
            Case.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)
        )
        assert anonymised == {withdrawn.pk, excluded.pk}
        still_open.refresh_from_db()
        assert still_open.person.name == "Margaret Wilson"

    def test_a_case_reopened_meanwhile_is_left_alone(
        self, full_case: Callable[..., Case], team: Actor
    ) -> None:
        case = full_case()
        services.case_reopen_for_ombudsman(case=case, actor=team, on=D(2027, 1, 4))
        assert cases_anonymise(case_ids=[case.pk]) == []
        case.refresh_from_db()
        assert case.anonymised_at is None

    def test_hooks_of_other_apps_run_in_the_same_transaction(
        self, full_case: Callable[..., Case]
    ) -> None:
        case = full_case()
        seen: list[list[str]] = []

        class LettersDown(Exception):
            pass

        def letters(cases: Any) -> None:
            seen.append([c.reference for c in cases])
            raise LettersDown

        retention_hook(letters)
        try:
            with pytest.raises(LettersDown):
                cases_anonymise(case_ids=[case.pk])
        finally:
            from putright.cases.services import retention as module

            module._hooks.remove(letters)
        assert seen == [[case.reference]]
        case.refresh_from_db()
        # The hook failed, so nothing happened: the case still has its data.
        assert case.anonymised_at is None and case.summary.startswith("Black mould")
        assert OutboxMessage.objects.filter(case_reference=case.reference).exists()
        # The outbox's own hook is always there; other apps (letters) may add theirs.
        assert "outbox_forget_anonymised" in [h.__name__ for h in retention_hooks()]

    def test_a_hook_receives_the_cases_and_whether_the_person_went(
        self, full_case: Callable[..., Case]
    ) -> None:
        case = full_case()
        received: list[AnonymisedCase] = []
        hook = retention_hook(received.extend)
        try:
            run(PAST, "retention")
        finally:
            from putright.cases.services import retention as module

            module._hooks.remove(hook)
        assert received == [
            AnonymisedCase(
                pk=case.pk,
                reference=case.reference,
                person_id=case.person_id,
                person_anonymised=True,
            )
        ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
class TestTheAppendOnlyTriggerStaysOn:
    def test_after_retention_the_timeline_still_refuses_changes_in_the_orm_and_in_sql(
        self, full_case: Callable[..., Case]
    ) -> None:
        case = full_case()
        with transaction.atomic():
            cases_anonymise(case_ids=[case.pk])
            # Still inside the same transaction: the redaction flag was switched off again.
            event = case.timeline.first()
            assert event is not None
            with pytest.raises(TimelineIsAppendOnly):
                TimelineEvent.objects.filter(pk=event.pk).update(summary="x")
            with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as c:
                c.execute("UPDATE cases_timelineevent SET summary = 'x' WHERE id = %s", [event.pk])

    def test_without_the_flag_a_raw_update_is_refused(self, full_case: Callable[..., Case]) -> None:
        case = full_case()
        event = case.timeline.first()
        assert event is not None
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as c:
            c.execute("UPDATE cases_timelineevent SET summary = 'x' WHERE id = %s", [event.pk])
