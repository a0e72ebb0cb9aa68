"""The back office's reads: work queues, the triage inbox, hints, counts and a case's page.

Every list runs a fixed number of queries whatever its length, and none counts the whole
table: queues page with "previous / next" over a bounded number of pages. Each list goes
through putright.accounts.permissions.case_visibility, so nobody lists a case they may not
see.

The default queues ("all open cases by next deadline", "my service's") are read as one
index range scan per status on the (status, next_deadline_on) index, merged: a million
cases cost the same few index pages as a thousand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import OrderBy, RawSQL
from django.db.models.lookups import Exact

from putright.accounts.models import CaseAccess, SavedView
from putright.accounts.permissions import Capability, StaffMember, case_visibility
from putright.cases.models import (
    ActionUpdate,
    Case,
    CaseLink,
    ComplaintDefinition,
    Contact,
    Correspondence,
    OmbudsmanOrder,
    OutstandingAction,
    Person,
    ReasonableAdjustment,
    Remedy,
    Representative,
    ResponseDraft,
    Restriction,
    Service,
    StageRecord,
    TimelineEvent,
)
from putright.cases.references import reference_is_valid, reference_normalise
from putright.policy.lifecycle import CaseStatus

PAGE_SIZE: Final = 25
MAX_PAGES: Final = 40  # beyond 1,000 rows, narrow the search instead

_S = CaseStatus
OPEN_STATUSES: Final = tuple(
    s.value for s in CaseStatus if s not in (_S.CLOSED, _S.WITHDRAWN, _S.EXCLUDED)
)
STATUS_LABELS: Final = {
    "received": "Received",
    "in_progress": "In progress",
    "panel_held": "Panel held",
    "findings_issued": "Findings issued",
    "responded": "Responded",
    "escalation_requested": "Next stage requested",
    "on_hold": "On hold",
    "with_ombudsman": "With the Ombudsman",
    "withdrawn": "Withdrawn",
    "excluded": "Excluded",
    "closed": "Closed",
}
QUEUES: Final = {"mine": "My cases", "service": "My service", "all": "All cases"}
DUE_STATES: Final = {
    "overdue": "Overdue",
    "due_soon": "Due within 2 working days",
    "on_track": "On track",
}
# name -> (field, descending); the case id breaks ties the same way. Each is an index order:
# (status, next_deadline_on, id) and the unique reference.
SORTS: Final[dict[str, tuple[str, bool]]] = {
    "deadline": ("next_deadline_on", False),
    "-deadline": ("next_deadline_on", True),
    "reference": ("reference", False),
    "-reference": ("reference", True),
    # Triage flags (issue 12): vulnerable people first, or last.
    "vulnerable": ("vulnerable", True),
    "-vulnerable": ("vulnerable", False),
}
# Triage flags a queue can be filtered by (issue 12).
FLAGS: Final = {
    "vulnerable": "Vulnerable",
    "simple": "Simple",
    "standard": "Standard",
    "complex": "Complex",
}


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.replace("_", " ").capitalize())


def deadline_label(name: str) -> str:
    """A deadline's name from the policy core ("stage1.respond_by") in words."""
    if not name:
        return ""
    if name == "acknowledge_by":
        return "Acknowledge"
    prefix, _, rest = name.partition(".")
    stage = prefix.removeprefix("stage")
    words = {
        "acknowledge_by": "acknowledge the request",
        "respond_by": "response",
        "response_by": "response",
        "max": "latest response date with an extension",
        "backstop": "six-month limit",
        "escalate_by": f"the person may ask for stage {_next(stage)} by",
        "escalation_longstop": "last date to ask for the next stage",
    }.get(rest, rest.replace("_", " "))
    return f"Stage {stage}: {words}"


def _next(stage: str) -> str:
    return str(int(stage) + 1) if stage.isdigit() else "next"


def due_state(day: date | None, *, today: date, due_soon_by: date) -> str:
    """'overdue', 'due_soon' (within 2 working days) or 'on_track'; '' with no deadline."""
    if day is None:
        return ""
    if day < today:
        return "overdue"
    if day <= due_soon_by:
        return "due_soon"
    return "on_track"


# ---------------------------------------------------------------------------------------
# Work queues


@dataclass(frozen=True, slots=True)
class QueueFilters:
    queue: str = "all"
    services: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    due: str = ""
    q: str = ""
    sort: str = "deadline"
    page: int = 1
    flags: tuple[str, ...] = ()


def _action_overdue(today: date) -> Exists:
    """Whether the case has an agreed action past its date and not completed: flagged in
    the queues (one subquery in the row query, so the page's query count does not change)."""
    return Exists(
        OutstandingAction.objects.filter(
            case=OuterRef("pk"), completed_on__isnull=True, due_on__lt=today
        )
    )


@dataclass(frozen=True, slots=True)
class QueueRow:
    id: int
    reference: str
    person: str
    service: str
    stage: int
    status: str
    next_deadline_on: date | None
    next_deadline_name: str
    owner: str
    restricted: bool
    due: str
    draft_state: str = ""  # the current stage's response draft: "awaiting_approval", ...
    action_overdue: bool = False  # case work: an agreed action past its date, not done
    vulnerable: bool = False
    complexity: str = ""
    # The earliest Ombudsman order not yet complied with (issue 12's work-queue flag).
    ombudsman_order_due: date | None = None
    ombudsman_order_overdue: bool = False

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def deadline_label(self) -> str:
        return deadline_label(self.next_deadline_name)


@dataclass(frozen=True, slots=True)
class QueuePage:
    rows: list[QueueRow]
    page: int
    has_previous: bool
    has_next: bool
    at_limit: bool  # the last page that can be shown: narrow the search to see more


def _search_ways(q: str) -> list[Q]:
    """The ways a case can match the search `q`; a case matching any of them is found.

    A reference finds its case. PostgreSQL: full-text search of the summary and of the
    person's name, one way each, so that each is read on its own GIN index (accounts
    migration 0002), or along the deadline index when a word is common. SQLite: a
    case-insensitive substring match.
    """
    text = q.strip()
    if reference_is_valid(text):
        return [Q(reference=reference_normalise(text))]
    if connection.vendor == "postgresql":
        # The text is a bound parameter; the expressions are exactly those of the indexes.
        summary = RawSQL(
            "to_tsvector('english', summary) @@ plainto_tsquery('english', %s)", (text,)
        )
        names = Person.objects.annotate(
            match=RawSQL("to_tsvector('simple', name) @@ plainto_tsquery('simple', %s)", (text,))
        ).filter(match=True)
        return [Q(Exact(summary, True)), Q(person__in=names.values("id"))]
    return [
        Q(summary__icontains=text)
        | Q(person__name__icontains=text)
        | Q(reference__icontains=text.upper())
    ]


def _mine(member: StaffMember) -> Q:
    if member.officer_id is None:
        return Q(pk__in=[])
    return Q(
        Exists(
            StageRecord.objects.filter(
                case=OuterRef("pk"), number=OuterRef("stage"), officer_id=member.officer_id
            )
        )
    )


def queue_filtered(
    *, member: StaffMember, filters: QueueFilters, today: date, due_soon_by: date
) -> QuerySet[Case]:
    """Every case of the queue (before status, order and page), for `member`."""
    qs = Case.objects.filter(case_visibility(member))
    if filters.queue == "mine":
        qs = qs.filter(_mine(member))
    elif filters.queue == "service":
        qs = qs.filter(service_id=member.service_id) if member.service_id is not None else qs.none()
    if filters.services:
        qs = qs.filter(service_id__in=filters.services)
    if filters.due == "overdue":
        qs = qs.filter(next_deadline_on__lt=today)
    elif filters.due == "due_soon":
        qs = qs.filter(next_deadline_on__gte=today, next_deadline_on__lte=due_soon_by)
    elif filters.due == "on_track":
        qs = qs.filter(next_deadline_on__gt=due_soon_by)
    if "vulnerable" in filters.flags:
        qs = qs.filter(vulnerable=True)
    levels = [f for f in filters.flags if f != "vulnerable"]
    if levels:
        qs = qs.filter(complexity__in=levels)
    return qs


def _ordering(sort: str) -> tuple[list[OrderBy], list[str]]:
    """The ORDER BY of a sort. A case with no deadline counts as due last: after every date
    going up, before every date going down, which is the index read forwards or backwards."""
    name, descending = SORTS.get(sort, SORTS["deadline"])
    if descending:
        order = [F(name).desc(nulls_first=True), F("id").desc()]
    else:
        order = [F(name).asc(nulls_last=True), F("id").asc()]
    return order, [name] if name != "id" else []


def _ids_merged(
    parts: list[QuerySet[Case]], sort: str, offset: int, limit: int, *, distinct: bool = False
) -> list[int]:
    """The page's case ids from several queries, each ordered and cut at `offset + limit`
    rows, then merged in the same order (one SQL statement).

    Each part is an index range scan that stops early (one per status on the
    (status, next_deadline_on, id) index; or one per way a search can match), so the merge
    orders at most that many rows per part whatever the size of the table.
    """
    order, columns = _ordering(sort)
    selects: list[str] = []
    params: list[Any] = []
    for part in parts:
        ordered = part.order_by(*order).values_list("id", *columns)[: offset + limit]
        sql, part_params = ordered.query.get_compiler(connection=connection).as_sql()
        selects.append(f"SELECT * FROM ({sql}) p{len(selects)}")  # noqa: S608 - compiled by the ORM
        params.extend(part_params)
    name, descending = SORTS.get(sort, SORTS["deadline"])
    nulls = "NULLS FIRST" if descending else "NULLS LAST"
    direction = "DESC" if descending else "ASC"
    glue = " UNION " if distinct else " UNION ALL "
    outer = (
        f"SELECT id FROM ({glue.join(selects)}) merged "  # noqa: S608 - built above
        f"ORDER BY {connection.ops.quote_name(name)} {direction} {nulls}, id {direction} "
        "LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(outer, [*params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def _owner() -> Subquery:
    return Subquery(
        StageRecord.objects.filter(case=OuterRef("pk"), number=OuterRef("stage")).values(
            "officer__name"
        )[:1]
    )


def _draft_state() -> Subquery:
    """The current stage's unissued response draft, if any (for "awaiting approval")."""
    return Subquery(
        ResponseDraft.objects.filter(case=OuterRef("pk"), stage=OuterRef("stage"))
        .exclude(state="issued")
        .values("state")[:1]
    )


def _ombudsman_order_due() -> Subquery:
    return Subquery(
        OmbudsmanOrder.objects.filter(ombudsman_case__case=OuterRef("pk"), complied_on__isnull=True)
        .order_by("due_on")
        .values("due_on")[:1]
    )


def queue_page(
    *, member: StaffMember, filters: QueueFilters, today: date, due_soon_by: date
) -> QueuePage:
    """One page of a work queue: two queries (the page's ids, then its rows)."""
    page = min(max(filters.page, 1), MAX_PAGES)
    offset = (page - 1) * PAGE_SIZE
    statuses = tuple(s for s in filters.statuses if s in STATUS_LABELS) or OPEN_STATUSES
    qs = queue_filtered(member=member, filters=filters, today=today, due_soon_by=due_soon_by)
    if filters.q.strip():
        # Each way of matching on its own index, then merged (a case may match twice).
        ways = _search_ways(filters.q)
        parts = [qs.filter(way, status__in=statuses) for way in ways]
        ids = _ids_merged(parts, filters.sort, offset, PAGE_SIZE + 1, distinct=len(parts) > 1)
    elif filters.queue == "mine":
        # An officer's own cases are few: one ordinary query from the stage records.
        order, _ = _ordering(filters.sort)
        ids = list(
            qs.filter(status__in=statuses)
            .order_by(*order)
            .values_list("id", flat=True)[offset : offset + PAGE_SIZE + 1]
        )
    else:
        parts = [qs.filter(status=status) for status in statuses]
        ids = _ids_merged(parts, filters.sort, offset, PAGE_SIZE + 1)
    has_next = len(ids) > PAGE_SIZE
    ids = ids[:PAGE_SIZE]
    rows = {
        row["id"]: row
        for row in Case.objects.filter(pk__in=ids)
        .annotate(
            owner=_owner(),
            draft_state=_draft_state(),
            action_overdue=_action_overdue(today),
            ombudsman_order_due=_ombudsman_order_due(),
        )
        .values(
            "id",
            "reference",
            "person__name",
            "service__name",
            "stage",
            "status",
            "next_deadline_on",
            "next_deadline_name",
            "owner",
            "restricted",
            "draft_state",
            "action_overdue",
            "ombudsman_order_due",
            "vulnerable",
            "complexity",
        )
    }
    return QueuePage(
        rows=[
            QueueRow(
                id=r["id"],
                reference=r["reference"],
                person=r["person__name"],
                service=r["service__name"],
                stage=r["stage"],
                status=r["status"],
                next_deadline_on=r["next_deadline_on"],
                next_deadline_name=r["next_deadline_name"],
                owner=r["owner"] or "",
                restricted=r["restricted"],
                draft_state=r["draft_state"] or "",
                due=due_state(r["next_deadline_on"], today=today, due_soon_by=due_soon_by),
                action_overdue=bool(r["action_overdue"]),
                ombudsman_order_due=r["ombudsman_order_due"],
                vulnerable=r["vulnerable"],
                complexity=r["complexity"],
                ombudsman_order_overdue=bool(
                    r["ombudsman_order_due"] and r["ombudsman_order_due"] < today
                ),
            )
            for r in (rows[i] for i in ids if i in rows)
        ],
        page=page,
        has_previous=page > 1,
        has_next=has_next and page < MAX_PAGES,
        at_limit=has_next and page >= MAX_PAGES,
    )


def services_all() -> list[Service]:
    return list(Service.objects.order_by("name"))


def saved_views_of(*, user_id: int) -> list[SavedView]:
    return list(SavedView.objects.filter(user_id=user_id).order_by("name"))


# ---------------------------------------------------------------------------------------
# Triage inbox


@dataclass(frozen=True, slots=True)
class InboxPage:
    cases: list[Case]
    page: int
    has_previous: bool
    has_next: bool
    count: int = 0  # every contact waiting for triage that matches the search
    q: str = ""


def _untriaged() -> Q:
    return Q(status=CaseStatus.RECEIVED) & Q(
        Exists(Contact.objects.filter(case=OuterRef("pk"), triaged_at__isnull=True))
    )


def _inbox_search(q: str) -> Q:
    """A reference finds its contact; otherwise the person's name or the summary."""
    text = q.strip()
    if reference_is_valid(reference_normalise(text)):
        return Q(reference=reference_normalise(text))
    return Q(person__name__icontains=text) | Q(summary__icontains=text)


def inbox_page(*, member: StaffMember, page: int, q: str = "") -> InboxPage:
    """New contacts from every channel waiting for triage, oldest received first, as the
    page says (two queries: the count, then the page)."""
    page = min(max(page, 1), MAX_PAGES)
    offset = (page - 1) * PAGE_SIZE
    visible = case_visibility(member)
    if member.can(Capability.TRIAGE):
        # The complaints team sees that a restricted contact exists (never its content, see
        # the template) so its acknowledgement cannot slip unseen; it names who may work on it.
        visible |= Q(restricted=True)
    named = CaseAccess.objects.filter(case=OuterRef("pk"), user_id=member.user_id)
    waiting = Case.objects.filter(visible).filter(_untriaged())
    if q.strip():
        # A search looks only at contacts the member may read: a restricted contact's name
        # or summary must not be found through it.
        waiting = waiting.filter(_inbox_search(q)).filter(case_visibility(member))
    cases: list[Case] = list(
        waiting.select_related("person", "service")
        .annotate(named=Exists(named))
        # Vulnerable people first, then oldest received first, as the page says.
        .order_by(F("vulnerable").desc(), "received_on", "id")[offset : offset + PAGE_SIZE + 1]
    )
    return InboxPage(
        cases=cases[:PAGE_SIZE],
        page=page,
        has_previous=page > 1,
        has_next=len(cases) > PAGE_SIZE and page < MAX_PAGES,
        count=waiting.count(),
        q=q.strip(),
    )


def inbox_case(*, member: StaffMember, reference: str) -> Case | None:
    """A contact still waiting for triage that `member` may see, or None."""
    return (
        Case.objects.filter(case_visibility(member))
        .filter(_untriaged(), reference=reference_normalise(reference))
        .select_related("person", "service")
        .first()
    )


def first_contact(*, case: Case) -> Contact | None:
    return Contact.objects.filter(case=case).order_by("id").first()


_WORD = re.compile(r"[A-Za-z]{4,}")
HINT_LIMIT: Final = 5
SIMILAR_WITHIN_DAYS: Final = 90


def hints_same_person(*, member: StaffMember, case: Case) -> list[Case]:
    """The same person's other open cases: matched on email address, else phone number
    (each contact records the person afresh, so the match is on how to reach them)."""
    person = case.person
    if person.email:
        match = Q(person__email__iexact=person.email)
    elif person.phone:
        match = Q(person__phone=person.phone)
    else:
        return []
    return list(
        Case.objects.filter(case_visibility(member))
        .filter(match, status__in=OPEN_STATUSES)
        .exclude(pk=case.pk)
        .select_related("service")
        .order_by("-received_on", "-id")[:HINT_LIMIT]
    )


def hints_similar_text(*, member: StaffMember, case: Case, today: date) -> list[Case]:
    """Recent open cases whose summary shares words with this contact's.

    PostgreSQL: full-text search, any of the summary's longer words, best match first.
    SQLite: a substring match on the three longest words.
    """
    words = sorted(set(_WORD.findall(case.summary.lower())), key=len, reverse=True)[:8]
    if not words:
        return []
    qs = (
        Case.objects.filter(case_visibility(member))
        .filter(
            status__in=OPEN_STATUSES, received_on__gte=today - timedelta(days=SIMILAR_WITHIN_DAYS)
        )
        .exclude(pk=case.pk)
        .select_related("service", "person")
    )
    if connection.vendor == "postgresql":
        query = " | ".join(words)
        matched = RawSQL("to_tsvector('english', summary) @@ to_tsquery('english', %s)", (query,))
        rank = RawSQL(
            "ts_rank(to_tsvector('english', summary), to_tsquery('english', %s))", (query,)
        )
        qs = qs.annotate(matched=matched, rank=rank).filter(matched=True)
        return list(qs.order_by("-rank", "-received_on")[:HINT_LIMIT])
    any_word = Q()
    for word in words[:3]:
        any_word |= Q(summary__icontains=word)
    return list(qs.filter(any_word).order_by("-received_on", "-id")[:HINT_LIMIT])


# ---------------------------------------------------------------------------------------
# Counts


@dataclass(frozen=True, slots=True)
class CountsTable:
    statuses: list[str]
    rows: list[tuple[str, list[int], int]]  # service name, count per status, total
    totals: list[int]
    total: int


def open_counts_by_service_and_status() -> CountsTable:
    """Open cases by service and status: one GROUP BY over the open statuses' range of the
    (status, service) index (plus the services' names)."""
    groups = (
        Case.objects.filter(status__in=OPEN_STATUSES)
        .order_by()
        .values("service_id", "status")
        # COUNT(*) reads the (status, service) index alone; COUNT(id) would read each row.
        .annotate(n=Count("*"))
    )
    counts: dict[int, dict[str, int]] = {}
    for g in groups:
        counts.setdefault(g["service_id"], {})[g["status"]] = g["n"]
    names = dict(Service.objects.filter(pk__in=list(counts)).values_list("id", "name"))
    statuses = [s for s in OPEN_STATUSES if any(s in c for c in counts.values())]
    rows = []
    for service_id, name in sorted(names.items(), key=lambda item: item[1]):
        row = [counts[service_id].get(s, 0) for s in statuses]
        rows.append((name, row, sum(row)))
    totals = [sum(r[1][i] for r in rows) for i in range(len(statuses))]
    return CountsTable(statuses=statuses, rows=rows, totals=totals, total=sum(totals))


# ---------------------------------------------------------------------------------------
# A case's page


@dataclass
class CaseRecord:
    """Everything the case page shows, read in a fixed number of queries."""

    case: Case
    stages: dict[int, StageRecord]
    definitions: list[ComplaintDefinition]
    representatives: list[Representative]
    adjustments: list[ReasonableAdjustment]
    restrictions: list[Restriction]
    remedies: list[Remedy]
    actions: list[OutstandingAction]
    links: list[CaseLink]
    timeline: list[dict[str, Any]] = field(default_factory=list)

    @property
    def current_stage(self) -> StageRecord | None:
        return self.stages.get(self.case.stage)

    @property
    def current_officer_id(self) -> int | None:
        current = self.current_stage
        return current.officer_id if current is not None else None

    @property
    def officer_ids(self) -> set[int]:
        return {s.officer_id for s in self.stages.values() if s.officer_id is not None}

    @property
    def definition(self) -> ComplaintDefinition | None:
        return self.definitions[-1] if self.definitions else None


def case_for_staff(*, reference: str) -> Case | None:
    """The case with this reference (no permission check: see permissions.may_see_case)."""
    return (
        Case.objects.select_related("person", "service")
        .filter(reference=reference_normalise(reference))
        .first()
    )


def visible_case(*, member: StaffMember, reference: str) -> Case | None:
    """The case with this reference if `member` may see it, else None."""
    return (
        Case.objects.filter(case_visibility(member))
        .filter(reference=reference_normalise(reference))
        .first()
    )


def case_stages(*, case: Case) -> dict[int, StageRecord]:
    return {
        s.number: s
        for s in StageRecord.objects.filter(case=case).select_related("officer").order_by("number")
    }


def case_record(*, case: Case, stages: dict[int, StageRecord]) -> CaseRecord:
    """The rest of the case page. Never the person's equality-monitoring answers."""
    today_adjustments = ReasonableAdjustment.objects.filter(
        person_id=case.person_id, ended_on__isnull=True
    ).order_by("id")
    events = list(
        TimelineEvent.objects.filter(case=case)
        .order_by("-at", "-id")
        .values("at", "actor_label", "action", "summary")
    )
    letters = list(
        Correspondence.objects.filter(case=case)
        .order_by("-at", "-id")
        .values("at", "direction", "channel", "subject", "letter_kind")
    )
    timeline: list[dict[str, Any]] = [
        {"at": e["at"], "title": e["summary"], "by": e["actor_label"], "kind": "event"}
        for e in events
    ] + [
        {
            "at": c["at"],
            "title": (c["subject"] or c["letter_kind"].replace("_", " ").capitalize() or "Letter"),
            "by": "",
            "kind": "sent" if c["direction"] == "out" else "received",
            "channel": c["channel"],
        }
        for c in letters
    ]
    timeline.sort(key=lambda item: item["at"], reverse=True)
    return CaseRecord(
        case=case,
        stages=stages,
        definitions=list(
            ComplaintDefinition.objects.filter(case=case)
            .prefetch_related("issues")
            .order_by("stage")
        ),
        representatives=list(Representative.objects.filter(case=case).order_by("id")),
        adjustments=list(today_adjustments),
        restrictions=list(
            Restriction.objects.filter(person_id=case.person_id, ended_on__isnull=True).order_by(
                "id"
            )
        ),
        remedies=list(Remedy.objects.filter(case=case).order_by("id")),
        actions=list(
            OutstandingAction.objects.filter(case=case)
            .select_related("owner_officer")
            .prefetch_related(
                Prefetch("updates", queryset=ActionUpdate.objects.order_by("on", "id"))
            )
            .order_by("id")
        ),
        links=list(
            CaseLink.objects.filter(Q(from_case=case) | Q(to_case=case))
            .select_related("from_case", "to_case")
            .order_by("id")
        ),
        timeline=timeline,
    )
