"""Children's social care safeguards that are not moves: arranging the stage 3 review panel,
lifting a frozen decision, the stage 2 independent person.

Each one: keyword-only, one transaction, checks the optimistic lock, one timeline event.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from putright.cases.models import Case, FrozenDecision, Officer, PanelReview, StageRecord
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record
from putright.cases.services._deadlines import case_deadlines
from putright.cases.services._facts import facts_of, snapshot_read
from putright.core import clock
from putright.policy import lifecycle

CHILDRENS = "childrens_social_care"


def panel_target(*, case: Case, today: date) -> date | None:
    """The date by which the review panel must meet: the stage's `panel_by` step in the
    process configuration, counted from the request for stage 3."""
    found = case_deadlines(snapshot_read(case), today=today).get("stage3.panel_by")
    return found.due if found else None


def _seat(officer: Officer) -> lifecycle.PanelSeat:
    return lifecycle.PanelSeat(officer=str(officer.pk), independent=officer.is_independent)


@transaction.atomic
def panel_arrange(
    *,
    case: Case,
    actor: Actor,
    chair: Officer,
    persons: tuple[Officer, Officer],
    panel_on: date,
    on: date | None = None,
) -> PanelReview:
    """Children's stage 3: who sits on the review panel and when it meets.

    The policy core decides independence and the date (`guard_review_panel`): an officer
    who is not independent, or who dealt with an earlier stage, is refused, and nothing
    changes. Raises OfficerNotIndependent, PanelNotFormed, InvalidInput, CaseConflict.
    """
    day = on or clock.today()
    if case.process != CHILDRENS:
        raise InvalidInput("A review panel is arranged only on children's social care complaints.")
    panel = PanelReview.objects.filter(case=case).first()
    if case.stage != 3 or panel is None or panel.panel_held_on is not None:
        raise InvalidInput(
            "A review panel can be arranged once stage 3 is requested, until it meets."
        )
    snap = snapshot_read(case)
    lifecycle.guard_review_panel(
        facts_of(snap),
        chair=_seat(chair),
        persons=tuple(_seat(p) for p in persons),
        panel_on=panel_on,
        panel_by=panel_target(case=case, today=day),
    )
    case_claim(case)
    panel.chair = chair
    panel.independent_person_one, panel.independent_person_two = persons
    panel.panel_date = panel_on
    panel.arranged_on = day
    panel.save(
        update_fields=[
            "chair",
            "independent_person_one",
            "independent_person_two",
            "panel_date",
            "arranged_on",
        ]
    )
    timeline_record(
        case=case,
        actor=actor,
        action="panel_arranged",
        summary=(
            f"Review panel arranged for {panel_on:%-d %B %Y}: chair {chair.name}; "
            f"independent persons {persons[0].name} and {persons[1].name}"
        ),
        after={
            "panel_date": panel_on,
            "chair": chair.pk,
            "independent_persons": [p.pk for p in persons],
        },
    )
    return panel


@transaction.atomic
def frozen_decision_lift(
    *, case: Case, actor: Actor, frozen: FrozenDecision, on: date | None = None
) -> FrozenDecision:
    """The complaint no longer holds the decision back: record the day it was lifted."""
    day = on or clock.today()
    if frozen.case_id != case.pk or frozen.unfrozen_on is not None:
        raise InvalidInput("This decision is not frozen on this case.")
    if day < frozen.frozen_on:
        raise InvalidInput("A decision cannot be lifted before the day it was frozen.")
    case_claim(case)
    frozen.unfrozen_on = day
    frozen.save(update_fields=["unfrozen_on"])
    timeline_record(
        case=case,
        actor=actor,
        action="decision_unfrozen",
        summary=f"Frozen decision lifted: {frozen.decision[:200]}",
    )
    return frozen


@transaction.atomic
def stage2_independent_person_record(*, case: Case, actor: Actor, officer: Officer) -> StageRecord:
    """Children's stage 2: the independent person who oversees the investigation, beside the
    independent investigating officer. The core's independence rule decides who may sit
    (OfficerNotIndependent): independent, and not involved at stage 1."""
    if case.process != CHILDRENS:
        raise InvalidInput("An independent person is recorded only on children's complaints.")
    record = StageRecord.objects.filter(case=case, number=2).first()
    if record is None or record.officer_id is None:
        raise InvalidInput(
            "Allocate the stage 2 investigating officer before the independent person."
        )
    lifecycle.guard_independent_officer(
        facts_of(snapshot_read(case)),
        stage=2,
        officer=str(officer.pk),
        officer_is_independent=officer.is_independent,
        who="an independent person",
    )
    if officer.pk == record.officer_id:
        raise InvalidInput(
            "The independent person must be someone other than the investigating officer."
        )
    case_claim(case)
    record.independent_person = officer
    record.save(update_fields=["independent_person"])
    timeline_record(
        case=case,
        actor=actor,
        action="independent_person_recorded",
        summary=f"Stage 2 independent person: {officer.name}",
        after={"independent_person": officer.pk},
    )
    return record
