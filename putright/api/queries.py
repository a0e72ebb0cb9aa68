"""The API's reads: every one goes through the client's case filter first."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from putright.api.clients import ApiClient
from putright.cases import selectors
from putright.cases.models import Attachment, Case, OutstandingAction, Remedy, TimelineEvent
from putright.cases.references import reference_is_valid, reference_normalise
from putright.core import clock


def visible_cases(client: ApiClient) -> QuerySet[Case]:
    return Case.objects.filter(client.case_filter())


def case_for(client: ApiClient, reference: str) -> Case:
    """The case with this reference if the client may see it; else Http404 (a case that
    exists but is not the client's looks exactly like one that does not exist)."""
    if not reference_is_valid(reference):
        raise Http404
    case = (
        visible_cases(client)
        .select_related("person", "service")
        .filter(reference=reference_normalise(reference))
        .first()
    )
    if case is None:
        raise Http404
    return case


def case_detail(case: Case) -> dict[str, Any]:
    """The case with every deadline and its state, and the moves allowed now."""
    overview = selectors.case_overview(case=case, today=clock.today())
    return {
        **{f: getattr(case, f) for f in _CASE_FIELDS},
        "service": case.service,
        "person": case.person,
        "deadlines": [
            {"name": d.name, "due": d.due, "state": str(d.state)}
            for d in overview.deadlines.values()
        ],
        "allowed_moves": sorted(str(m) for m in overview.moves),
    }


_CASE_FIELDS = (
    "reference",
    "kind",
    "channel",
    "status",
    "stage",
    "process",
    "received_on",
    "summary",
    "next_deadline_on",
    "next_deadline_name",
    "version",
    "aware_on",
    "closed_on",
    "ombudsman",
)


def case_list(client: ApiClient, filters: dict[str, Any]) -> QuerySet[Case]:
    qs = visible_cases(client).select_related("service")
    for name, lookup in _FILTERS.items():
        value = filters.get(name)
        if value not in (None, ""):
            qs = qs.filter(**{lookup: value})
    return qs


_FILTERS = {
    "status": "status",
    "service": "service__code",
    "kind": "kind",
    "process": "process",
    "received_from": "received_on__gte",
    "received_to": "received_on__lte",
}


def remedies_of(case: Case) -> QuerySet[Remedy]:
    return Remedy.objects.filter(case=case).order_by("id")


def actions_of(client: ApiClient, case: Case) -> QuerySet[OutstandingAction]:
    qs = OutstandingAction.objects.filter(case=case).order_by("id")
    if client.contractor:
        qs = qs.filter(owner_kind="contractor", owner_name__iexact=client.contractor)
    return qs


def events_after(client: ApiClient, *, after: int, limit: int) -> list[TimelineEvent]:
    """Timeline events with an id above `after`, on cases the client may see, oldest first."""
    return list(
        TimelineEvent.objects.filter(id__gt=after, case__in=visible_cases(client).values("pk"))
        .select_related("case")
        .only("id", "at", "actor_label", "action", "summary", "case__reference")
        .order_by("id")[:limit]
    )


def attachments_of(case: Case) -> QuerySet[Attachment]:
    return (
        Attachment.objects.filter(correspondence__case=case, correspondence__direction="in")
        .select_related("correspondence")
        .order_by("id")
    )
