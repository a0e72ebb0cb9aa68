"""Retention: anonymise ended cases in place once their retention period has passed.

Personal data goes: names, email addresses, phone numbers, postal addresses and every piece
of free text written by or about the person (what they said, reasons, findings, letters,
the timeline's summaries and before/after values). What reports count stays: the case and
its rows, with their service, status, stage, kind, channel, dates, decisions, remedy kinds
and amounts, exclusion and hold codes, and the equality-monitoring answers (never tied to a
person once the person is anonymised). Attachments are deleted, files and rows. A service
improvement linked to the case stays (it is the council's learning, often from many
cases); its description and completion note go once every case linked to it is
anonymised.

The timeline is append-only (migration 0002, ADR 0002). This module is the one place that
changes it: a raw UPDATE, on PostgreSQL after `SET LOCAL putright.timeline_redaction = 'on'`
(which the trigger honours for UPDATE only, and only until the transaction ends; it is
switched off again straight after). Nothing else may use it.

Interface apps that keep personal data of their own about a case (letters, the outbox)
register a hook with `retention_hook`; it runs inside the same transaction, after the case
record has been anonymised, so either all of it happens or none of it does.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef

from putright.cases.models import (
    ActionUpdate,
    Attachment,
    Case,
    ChildrensRepresentation,
    ComplaintDefinition,
    ComplaintIssue,
    Contact,
    Correspondence,
    DisclosedDisability,
    Extension,
    FrozenDecision,
    Hold,
    LearningEntry,
    OmbudsmanCase,
    OmbudsmanEvidence,
    OmbudsmanFinding,
    OmbudsmanOrder,
    OutstandingAction,
    PanelReview,
    Person,
    ReasonableAdjustment,
    Remedy,
    Representative,
    ResponsePlan,
    Restriction,
    ServiceImprovement,
    StageRecord,
    TimelineEvent,
)
from putright.cases.services._base import SYSTEM, Actor
from putright.core import clock
from putright.policy.lifecycle import CaseStatus

logger = logging.getLogger(__name__)

# Statuses a case ends in; only ended cases can be anonymised.
ENDED_STATUSES = (str(CaseStatus.CLOSED), str(CaseStatus.WITHDRAWN), str(CaseStatus.EXCLUDED))
# Put where a name is expected, so screens and letters still read.
ANONYMISED = "Anonymised"
# Put in place of a service improvement's description once no case behind it is kept.
IMPROVEMENT_REDACTED = "Details removed after the retention period"

# Timeline before/after keys whose values are codes, dates, numbers or flags: they stay
# when the value looks like one (lower-case code or ISO date, a number, a flag). Every
# other key, and any other value, is removed.
_TIMELINE_KEEP = frozenset(
    {
        "status",
        "stage",
        "kind",
        "channel",
        "state",
        "consent_state",
        "relationship",
        "service",
        "ground",
        "code",
        "decision",
        "ombudsman",
        "respond_by",
        "review_on",
        "requested_on",
        "panel_held_on",
        "asked_on",
        "due_on",
        "on",
        "amount",
        "late",
        "beyond_maximum",
        "completed",
        "final",
        "sufficient_interest",
        "advocate_taken_up",
    }
)
_CODE = re.compile(r"[a-z0-9_.:-]{0,40}")


@dataclass(frozen=True, slots=True)
class AnonymisedCase:
    """A case just anonymised; `person_anonymised` when its person had no other case left
    holding personal data, and so was anonymised too."""

    pk: int
    reference: str
    person_id: int
    person_anonymised: bool


RetentionHook = Callable[[Sequence[AnonymisedCase]], None]
_hooks: list[RetentionHook] = []


def retention_hook(hook: RetentionHook) -> RetentionHook:
    """Run `hook(cases)` inside every anonymising transaction, after the case record.

    For interface apps that keep personal data about cases outside the case record (the
    outbox, letters): register in AppConfig.ready(). Usable as a decorator; registering the
    same function twice has no effect. A hook that raises rolls the whole batch back.
    """
    if hook not in _hooks:
        _hooks.append(hook)
    return hook


def retention_hooks() -> tuple[RetentionHook, ...]:
    return tuple(_hooks)


@transaction.atomic
def cases_anonymise(
    *, case_ids: Sequence[int], actor: Actor = SYSTEM, now: datetime | None = None
) -> list[AnonymisedCase]:
    """Anonymise the ended cases among `case_ids` in one transaction; return them.

    Cases still open, or already anonymised, are left alone (so a case reopened for the
    Ombudsman while the job ran is not touched). A person is anonymised with their last case
    that still held personal data. Each case gets one timeline event saying so.
    """
    now = now or clock.now()
    rows = list(
        Case.objects.select_for_update()
        .filter(pk__in=case_ids, status__in=ENDED_STATUSES, anonymised_at__isnull=True)
        .order_by("pk")
        .values_list("pk", "reference", "person_id")
    )
    if not rows:
        return []
    ids = [pk for pk, _, _ in rows]
    _case_record_redact(ids, now=now)
    _timeline_redact(ids)
    people = _people_anonymise({person for _, _, person in rows}, now=now)
    files = _attachments_delete(ids)
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            case_id=pk,
            at=now,
            actor_id=actor.officer.user_id if actor.officer is not None else None,
            actor_label=actor.label,
            action="anonymised",
            summary="Personal data removed at the end of the retention period",
        )
        for pk in ids
    )
    done = [
        AnonymisedCase(pk=pk, reference=ref, person_id=person, person_anonymised=person in people)
        for pk, ref, person in rows
    ]
    for hook in _hooks:
        hook(done)
    # Files last: if anything above failed, the transaction rolled back and they are still
    # there. A failure here rolls it back too; files already gone stay gone, and the next
    # run finishes the case (a missing file is not an error).
    for name in files:
        default_storage.delete(name)
    logger.info("retention: anonymised %d case(s), %d person(s)", len(done), len(people))
    return done


def _case_record_redact(ids: Sequence[int], *, now: datetime) -> None:
    # The version moves on, so an edit form opened before cannot write old text back.
    Case.objects.filter(pk__in=ids).update(
        summary="",
        late_complaint_reason="",
        exclusion_reasons="",
        anonymised_at=now,
        version=F("version") + 1,
    )
    Contact.objects.filter(case_id__in=ids).update(
        summary="", text="", outcomes_sought="", triage_reason=""
    )
    Representative.objects.filter(case_id__in=ids).update(
        name=ANONYMISED, organisation="", email="", phone="", address="", consent_evidence=""
    )
    ComplaintDefinition.objects.filter(case_id__in=ids).update(
        outcomes_sought="", council_responsible_for="", council_not_responsible_for=""
    )
    ComplaintIssue.objects.filter(definition__case_id__in=ids).update(text="", reasons="")
    _responses_redact(ids)
    StageRecord.objects.filter(case_id__in=ids).update(
        request_context="", discretion_reason="", reasons="", contractor_feedback=""
    )
    Extension.objects.filter(stage__case_id__in=ids).update(
        reason="", good_reason_beyond_maximum=""
    )
    Hold.objects.filter(case_id__in=ids).update(detail="")
    ResponsePlan.objects.filter(case_id__in=ids).update(how_handled="")
    PanelReview.objects.filter(case_id__in=ids).update(findings="", council_response="")
    ChildrensRepresentation.objects.filter(case_id__in=ids).update(
        sufficient_interest_reasons="", childs_views=""
    )
    FrozenDecision.objects.filter(case_id__in=ids).update(decision="")
    Remedy.objects.filter(case_id__in=ids).update(description="", replaced_with="")
    OutstandingAction.objects.filter(case_id__in=ids).update(description="")
    ActionUpdate.objects.filter(action__case_id__in=ids).update(text="")
    LearningEntry.objects.filter(case_id__in=ids).update(lesson="", improvement="")
    _improvements_redact(ids)
    OmbudsmanCase.objects.filter(case_id__in=ids).update(
        their_reference="", enquiry="", determination="", information_sent=""
    )
    OmbudsmanFinding.objects.filter(ombudsman_case__case_id__in=ids).update(issue="")
    OmbudsmanOrder.objects.filter(ombudsman_case__case_id__in=ids).update(order="", evidence="")
    Correspondence.objects.filter(case_id__in=ids).update(subject="", body="")


def _improvements_redact(ids: Sequence[int]) -> None:
    """A service improvement is the council's learning, linked to every case behind it: it
    stays, with its service, theme, owner and dates, which the reports count. Its words
    may still name a person, so they go once every case behind it is anonymised; while one
    of them is kept, so are the words (that case's own retention decides). The cases of
    this batch are already marked anonymised."""
    links = ServiceImprovement.cases.through.objects
    ours = links.filter(serviceimprovement_id=OuterRef("pk"), case_id__in=ids)
    kept = links.filter(serviceimprovement_id=OuterRef("pk"), case__anonymised_at__isnull=True)
    ServiceImprovement.objects.filter(Exists(ours)).exclude(Exists(kept)).update(
        description=IMPROVEMENT_REDACTED, completion_note=""
    )


def _responses_redact(ids: Sequence[int]) -> None:
    """Keep a stage response's stage and decisions (items (a) and (c)); drop its text."""
    records = list(StageRecord.objects.filter(case_id__in=ids).exclude(response={}))
    for record in records:
        issues = record.response.get("issues")
        record.response = {
            "stage": record.response.get("stage"),
            "decision": record.response.get("decision", ""),
            "issues": [
                {"decision": issue.get("decision", "")}
                for issue in (issues if isinstance(issues, list) else [])
                if isinstance(issue, dict)
            ],
        }
    StageRecord.objects.bulk_update(records, ["response"], batch_size=500)


def _people_anonymise(person_ids: set[int], *, now: datetime) -> set[int]:
    """Anonymise the people among `person_ids` with no case left holding personal data."""
    still_needed = set(
        Case.objects.filter(person_id__in=person_ids, anonymised_at__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    people = person_ids - still_needed
    if not people:
        return people
    Person.objects.filter(pk__in=people).update(
        name=ANONYMISED,
        email="",
        phone="",
        address="",
        postcode="",
        housing_reference="",
        contact_frequency="",
        anonymised_at=now,
    )
    ReasonableAdjustment.objects.filter(person_id__in=people).update(detail="")
    DisclosedDisability.objects.filter(person_id__in=people).update(description="")
    Restriction.objects.filter(person_id__in=people).update(restriction="", reason="")
    # Contacts of theirs not (or no longer) on one of the cases above.
    Contact.objects.filter(person_id__in=people).update(
        summary="", text="", outcomes_sought="", triage_reason=""
    )
    return people


def _attachments_delete(ids: Sequence[int]) -> list[str]:
    """Delete the attachment rows of the cases; return their file names, to delete last."""
    attachments = Attachment.objects.filter(correspondence__case_id__in=ids)
    files = [name for name in attachments.values_list("file", flat=True) if name]
    attachments.delete()
    # Evidence of compliance with Ombudsman orders goes the same way.
    evidence = OmbudsmanEvidence.objects.filter(order__ombudsman_case__case_id__in=ids)
    files += [name for name in evidence.values_list("file", flat=True) if name]
    evidence.delete()
    return files


def _timeline_values_redact(values: Any) -> dict[str, Any]:
    if not isinstance(values, Mapping):
        return {}
    return {
        key: value
        for key, value in values.items()
        if key in _TIMELINE_KEEP
        and (
            value is None
            or isinstance(value, bool | int | float)
            or (isinstance(value, str) and _CODE.fullmatch(value) is not None)
        )
    }


def _timeline_redact(ids: Sequence[int]) -> None:
    """Redact the cases' timeline events in place: the retention exception to append-only.

    The ORM refuses to change events on purpose (TimelineQuerySet), so this is raw SQL;
    on PostgreSQL the append-only trigger lets it through only while the transaction-local
    flag is on.
    """
    events = TimelineEvent.objects.filter(case_id__in=ids).values_list(
        "pk", "action", "before", "after"
    )
    rows = [
        (
            f"{action.replace('_', ' ').capitalize()} (details removed after the retention period)",
            json.dumps(_timeline_values_redact(before)),
            json.dumps(_timeline_values_redact(after)),
            pk,
        )
        for pk, action, before, after in events
    ]
    if not rows:
        return
    quote = connection.ops.quote_name
    postgres = connection.vendor == "postgresql"
    as_json = "%s::jsonb" if postgres else "%s"
    sql = (
        f"UPDATE {quote(TimelineEvent._meta.db_table)} SET {quote('summary')} = %s, "  # noqa: S608 - names are the model's own, values are parameters
        f"{quote('before')} = {as_json}, {quote('after')} = {as_json} WHERE {quote('id')} = %s"
    )
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("SET LOCAL putright.timeline_redaction = 'on'")
        cursor.executemany(sql, rows)
        # Off again at once: nothing else in this transaction may change the timeline. (If
        # the UPDATE failed, the transaction rolls back and the flag with it.)
        if postgres:
            cursor.execute("SET LOCAL putright.timeline_redaction = 'off'")
