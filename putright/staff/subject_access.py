"""Subject access (UK GDPR Art. 15): one person's record as one zip archive.

What is in it, for each of the person's cases the member may see:

* `summary.pdf`: a tagged PDF (the letters' WeasyPrint renderer) listing the person's
  details, adjustments, restrictions, each case, its letters, files and equality answers;
* `person.json`: the person's details, adjustments, disclosed disabilities, restrictions;
* `cases/<reference>/case.json`: the case, its representatives, the person's own contacts
  and the correspondence;
* `cases/<reference>/timeline.json`: every timeline entry (officers named as the timeline
  names them, nothing else about them);
* `cases/<reference>/equality-monitoring.json`: the person's own answers, when they gave any;
* `cases/<reference>/letters/*.pdf`: every issued letter, as sent;
* `cases/<reference>/files/*`: every attachment on the case.

What is never in it: another person's cases or contacts (a contact joined into the case from
someone else is left out), other people's equality answers, officers' details beyond the
names the timeline shows, restricted cases the member is not named on (counted on the page).

The archive is built in a temporary file and streamed; it is never stored, so there is no
second copy of a person's whole record to secure and purge. Every read is one query for all
the cases at once, so the cost does not grow with the number of cases; recording it is one
timeline row per case.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.db.models import Q
from django.template.loader import render_to_string

from putright.accounts.permissions import StaffMember, case_visibility
from putright.cases import services
from putright.cases.models import (
    Attachment,
    Case,
    Contact,
    Correspondence,
    DisclosedDisability,
    EqualityMonitoring,
    Person,
    ReasonableAdjustment,
    Representative,
    Restriction,
    TimelineEvent,
)
from putright.core import clock
from putright.letters.models import IssuedLetter
from putright.letters.render import pdf_render

# Above this the archive spills from memory to a temporary file (deleted when closed).
_IN_MEMORY_BYTES = 16 * 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
EQUALITY_FIELDS = (
    "age_band",
    "sex",
    "gender_identity_same_as_birth",
    "disability",
    "ethnicity",
    "religion",
    "sexual_orientation",
)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _safe_name(name: str) -> str:
    """A file name safe inside a zip on any system: no folders, no odd characters."""
    cleaned = _UNSAFE.sub("-", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip("-.")
    return cleaned[:100] or "file"


@dataclass
class CaseRecord:
    """One case's part of the archive."""

    case: Case
    representatives: list[Representative] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    correspondence: list[Correspondence] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    letters: list[IssuedLetter] = field(default_factory=list)
    files: list[Attachment] = field(default_factory=list)
    equality: EqualityMonitoring | None = None


@dataclass
class PersonRecord:
    """Everything the archive holds about one person, read in a fixed number of queries."""

    person: Person
    cases: list[CaseRecord]
    hidden: int  # restricted cases of theirs the member is not named on
    adjustments: list[ReasonableAdjustment]
    disabilities: list[DisclosedDisability]
    restrictions: list[Restriction]

    @property
    def letters(self) -> int:
        return sum(len(c.letters) for c in self.cases)

    @property
    def files(self) -> int:
        return sum(len(c.files) for c in self.cases)


@dataclass(frozen=True, slots=True)
class CasesListed:
    references: list[str]
    hidden: int


def cases_listed(*, member: StaffMember, person_id: int) -> CasesListed:
    """The references the archive would hold, and how many restricted cases it leaves out."""
    visible = case_visibility(member)
    references = list(
        Case.objects.filter(visible, person_id=person_id)
        .order_by("received_on", "reference")
        .values_list("reference", flat=True)
    )
    hidden = Case.objects.filter(Q(person_id=person_id) & ~visible).count()
    return CasesListed(references=references, hidden=hidden)


def person_record(*, member: StaffMember, person: Person) -> PersonRecord:
    """The person's record as `member` may see it: twelve queries whatever the case count."""
    visible = case_visibility(member)
    cases = list(
        Case.objects.filter(visible, person_id=person.pk)
        .select_related("service")
        .order_by("received_on", "reference")
    )
    hidden = Case.objects.filter(Q(person_id=person.pk) & ~visible).count()
    by_id = {case.pk: CaseRecord(case=case) for case in cases}
    ids = list(by_id)
    for rep in Representative.objects.filter(case_id__in=ids).order_by("pk"):
        by_id[rep.case_id].representatives.append(rep)
    # Only the person's own contacts: one joined in from someone else is theirs, not this.
    for contact in Contact.objects.filter(case_id__in=ids, person_id=person.pk).order_by(
        "received_at", "pk"
    ):
        by_id[int(contact.case_id)].contacts.append(contact)  # type: ignore[arg-type]
    for row in Correspondence.objects.filter(case_id__in=ids).order_by("at", "pk"):
        by_id[row.case_id].correspondence.append(row)
    for event in TimelineEvent.objects.filter(case_id__in=ids).order_by("at", "pk"):
        by_id[event.case_id].timeline.append(event)
    for letter in IssuedLetter.objects.filter(case_id__in=ids).order_by("created_at", "pk"):
        by_id[letter.case_id].letters.append(letter)
    for file in (
        Attachment.objects.filter(correspondence__case_id__in=ids)
        .select_related("correspondence")
        .order_by("pk")
    ):
        by_id[file.correspondence.case_id].files.append(file)
    for answers in EqualityMonitoring.objects.filter(case_id__in=ids):
        by_id[answers.case_id].equality = answers
    return PersonRecord(
        person=person,
        cases=list(by_id.values()),
        hidden=hidden,
        adjustments=list(person.adjustments.order_by("recorded_at", "pk")),
        disabilities=list(person.disabilities.order_by("recorded_at", "pk")),
        restrictions=list(person.restrictions.order_by("starts_on", "pk")),
    )


# ---------------------------------------------------------------------------------------
# The JSON files


def _person_json(record: PersonRecord) -> dict[str, Any]:
    p = record.person
    return {
        "name": p.name,
        "email": p.email,
        "phone": p.phone,
        "address": p.address,
        "postcode": p.postcode,
        "housing_reference": p.housing_reference,
        "tenant_or_leaseholder": p.is_tenant_or_leaseholder,
        "preferred_contact_method": p.get_preferred_contact_method_display(),
        "contact_frequency": p.contact_frequency,
        "reasonable_adjustments": [
            {
                "need": a.get_kind_display(),
                "detail": a.detail,
                "review_on": _iso(a.review_on),
                "ended_on": _iso(a.ended_on),
            }
            for a in record.adjustments
        ],
        "disclosed_disabilities": [
            {"description": d.description, "review_on": _iso(d.review_on)}
            for d in record.disabilities
        ],
        "restrictions_on_contact": [
            {
                "restriction": r.restriction,
                "reason": r.reason,
                "scope": r.get_scope_display(),
                "starts_on": _iso(r.starts_on),
                "review_on": _iso(r.review_on),
                "ended_on": _iso(r.ended_on),
            }
            for r in record.restrictions
        ],
    }


def _case_json(item: CaseRecord) -> dict[str, Any]:
    c = item.case
    return {
        "reference": c.reference,
        "kind": c.get_kind_display(),
        "service": c.service.name,
        "received_on": _iso(c.received_on),
        "status": c.status,
        "stage": c.stage,
        "summary": c.summary,
        "closed_on": _iso(c.closed_on),
        "vulnerable": c.vulnerable,
        "vulnerability_reason": c.vulnerability_reason,
        "representatives": [
            {
                "name": r.name,
                "organisation": r.organisation,
                "relationship": r.get_relationship_display(),
                "email": r.email,
                "phone": r.phone,
                "address": r.address,
                "consent": r.get_consent_state_display(),
            }
            for r in item.representatives
        ],
        "contacts": [
            {
                "received_at": _iso(x.received_at),
                "channel": x.channel,
                "summary": x.summary,
                "text": x.text,
                "outcomes_sought": x.outcomes_sought,
            }
            for x in item.contacts
        ],
        "correspondence": [
            {
                "at": _iso(x.at),
                "direction": x.get_direction_display(),
                "channel": x.channel,
                "subject": x.subject,
                "body": x.body,
            }
            for x in item.correspondence
        ],
    }


def _timeline_json(item: CaseRecord) -> list[dict[str, Any]]:
    # The actor as the timeline names them (an officer's name, "The person, online"); never
    # their account or anything else about them. The sentence, not the stored before/after
    # values: those copy free text (a joined contact's words may be someone else's).
    return [
        {"at": _iso(e.at), "by": e.actor_label, "action": e.action, "summary": e.summary}
        for e in item.timeline
    ]


def _equality_json(answers: EqualityMonitoring) -> dict[str, Any]:
    return {name: getattr(answers, name) for name in EQUALITY_FIELDS}


# ---------------------------------------------------------------------------------------
# The archive


def _letter_name(number: int, letter: IssuedLetter) -> str:
    return f"{number:02d}-{letter.kind}-{letter.created_at:%Y-%m-%d}.pdf"


def _file_name(number: int, file: Attachment) -> str:
    return f"{number:02d}-{_safe_name(file.original_name)}"


def summary_pdf(*, record: PersonRecord, member: StaffMember, at: datetime) -> bytes:
    """The summary as a tagged PDF/UA-1 document, made like a letter."""
    cases = [
        {
            "record": item,
            "letters": [(_letter_name(n, x), x) for n, x in enumerate(item.letters, 1)],
            "files": [(_file_name(n, x), x) for n, x in enumerate(item.files, 1)],
            "equality": (
                [
                    (name.replace("_", " ").capitalize(), getattr(item.equality, name))
                    for name in EQUALITY_FIELDS
                ]
                if item.equality is not None
                else []
            ),
        }
        for item in record.cases
    ]
    document = render_to_string(
        "staff/subject_access/summary.html",
        {"record": record, "cases": cases, "produced_by": member.name, "produced_at": at},
    )
    return pdf_render(document)


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def archive_write(
    *, record: PersonRecord, member: StaffMember, at: datetime, out: IO[bytes]
) -> None:
    """Write the whole archive, as a zip, to `out`."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.pdf", summary_pdf(record=record, member=member, at=at))
        archive.writestr("person.json", _dump(_person_json(record)))
        for item in record.cases:
            base = f"cases/{item.case.reference}"
            archive.writestr(f"{base}/case.json", _dump(_case_json(item)))
            archive.writestr(f"{base}/timeline.json", _dump(_timeline_json(item)))
            if item.equality is not None:
                archive.writestr(
                    f"{base}/equality-monitoring.json", _dump(_equality_json(item.equality))
                )
            for number, letter in enumerate(item.letters, 1):
                archive.writestr(
                    f"{base}/letters/{_letter_name(number, letter)}", bytes(letter.pdf)
                )
            for number, file in enumerate(item.files, 1):
                # Copied in chunks: a large file never sits whole in memory.
                name = f"{base}/files/{_file_name(number, file)}"
                with file.file.open("rb") as handle, archive.open(name, "w") as entry:
                    shutil.copyfileobj(handle, entry)


@dataclass(frozen=True, slots=True)
class Archive:
    name: str
    stream: IO[bytes]


def subject_access_export(*, member: StaffMember, person: Person) -> Archive:
    """Build the person's archive and record it on each case's timeline.

    Raises services.InvalidInput when the member may see none of the person's cases. The
    archive is built before anything is recorded, so a failure records nothing."""
    record = person_record(member=member, person=person)
    if not record.cases:
        raise services.InvalidInput("There is no case of this person's that you can see.")
    at = clock.now()
    stream: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY_BYTES)  # noqa: SIM115
    archive_write(record=record, member=member, at=at, out=stream)
    services.subject_access_recorded(
        cases=[item.case for item in record.cases],
        actor=member.actor,
        letters=record.letters,
        files=record.files,
    )
    stream.seek(0)
    first = record.cases[0].case.reference
    return Archive(name=f"subject-access-{first}-{at:%Y-%m-%d}.zip", stream=stream)
