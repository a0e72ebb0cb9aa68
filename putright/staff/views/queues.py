"""Work queues: mine, my service, all; filters, search, sort, pages; saved views."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.views.decorators.http import require_POST

from putright.accounts import services as account_services
from putright.accounts.models import StaffRole
from putright.accounts.permissions import Capability, StaffMember
from putright.cases.services import InvalidInput
from putright.core import clock
from putright.core.policy import working_calendar
from putright.staff import queries
from putright.staff.access import staff_render, staff_view
from putright.staff.forms import SavedViewForm

# The parameters a queue's address may carry: what a saved view stores.
QUEUE_PARAMS = ("queue", "service", "status", "due", "q", "sort", "flag")


def default_queue(member: StaffMember) -> str:
    if member.role == StaffRole.INVESTIGATING_OFFICER:
        return "mine"
    if member.role == StaffRole.SERVICE_MANAGER:
        return "service"
    return "all"


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def filters_from(params: QueryDict, member: StaffMember) -> queries.QueueFilters:
    queue = params.get("queue") or default_queue(member)
    if queue not in queries.QUEUES:
        queue = default_queue(member)
    sort = params.get("sort", "deadline")
    return queries.QueueFilters(
        queue=queue,
        # At most 18 digits: a longer id overflows the database's bigint (a 500, not a filter).
        services=tuple(
            _int(s, 0) for s in params.getlist("service") if s.isdigit() and len(s) <= 18
        ),
        statuses=tuple(s for s in params.getlist("status") if s in queries.STATUS_LABELS),
        due=params.get("due", "") if params.get("due", "") in queries.DUE_STATES else "",
        q=params.get("q", "")[:200],
        sort=sort if sort in queries.SORTS else "deadline",
        page=_int(params.get("page", "1"), 1),
        flags=tuple(f for f in params.getlist("flag") if f in queries.FLAGS),
    )


def _query(filters: queries.QueueFilters, **changes: Any) -> str:
    """The queue's address with some parameters changed (None removes one)."""
    values: dict[str, Any] = {
        "queue": filters.queue,
        "service": list(filters.services),
        "status": list(filters.statuses),
        "due": filters.due,
        "q": filters.q,
        "sort": filters.sort if filters.sort != "deadline" else "",
        "page": filters.page if filters.page > 1 else "",
        "flag": list(filters.flags),
    }
    values.update(changes)
    pairs: list[tuple[str, Any]] = []
    for key, value in values.items():
        if isinstance(value, list):
            pairs.extend((key, v) for v in value)
        elif value not in (None, ""):
            pairs.append((key, value))
    return "?" + urlencode(pairs)


def _sort_header(filters: queries.QueueFilters, key: str, label: str) -> dict[str, str]:
    current = filters.sort.lstrip("-") == key
    descending = filters.sort.startswith("-")
    aria = ("descending" if descending else "ascending") if current else "none"
    target = f"-{key}" if current and not descending else key
    return {"label": label, "href": _query(filters, sort=target, page=None), "aria": aria}


def _selected_filters(filters: queries.QueueFilters, services: list[Any]) -> list[dict[str, Any]]:
    names = {s.pk: s.name for s in services}
    categories = []
    if filters.services:
        categories.append(
            {
                "heading": "Service",
                "items": [
                    {
                        "text": names.get(sid, str(sid)),
                        "href": _query(
                            filters,
                            service=[s for s in filters.services if s != sid],
                            page=None,
                        ),
                    }
                    for sid in filters.services
                ],
            }
        )
    if filters.statuses:
        categories.append(
            {
                "heading": "Status",
                "items": [
                    {
                        "text": queries.status_label(s),
                        "href": _query(
                            filters,
                            status=[x for x in filters.statuses if x != s],
                            page=None,
                        ),
                    }
                    for s in filters.statuses
                ],
            }
        )
    if filters.due:
        categories.append(
            {
                "heading": "Next deadline",
                "items": [
                    {
                        "text": queries.DUE_STATES[filters.due],
                        "href": _query(filters, due=None, page=None),
                    }
                ],
            }
        )
    return categories


@staff_view(Capability.SEE_CASES)
def case_list(request: HttpRequest, member: StaffMember) -> HttpResponse:
    today = clock.today()
    due_soon_by = working_calendar().add_working_days(today, 2)
    filters = filters_from(request.GET, member)
    page = queries.queue_page(member=member, filters=filters, today=today, due_soon_by=due_soon_by)
    services = queries.services_all()
    saved_query = _query(filters, page=None).lstrip("?")
    return staff_render(
        request,
        member,
        "staff/cases/list.html",
        {
            "filters": filters,
            "page": page,
            "queues": [
                {
                    "key": key,
                    "label": label,
                    "href": _query(filters, queue=key, page=None),
                    "current": key == filters.queue,
                }
                for key, label in queries.QUEUES.items()
                if not (key == "service" and member.service_id is None)
                and not (key == "mine" and member.officer_id is None)
            ],
            "headers": {
                "reference": _sort_header(filters, "reference", "Reference"),
                "deadline": _sort_header(filters, "deadline", "Next deadline"),
                "vulnerable": _sort_header(filters, "vulnerable", "Person"),
            },
            "flags": list(queries.FLAGS.items()),
            "services": services,
            "statuses": list(queries.STATUS_LABELS.items()),
            "due_states": list(queries.DUE_STATES.items()),
            "selected": _selected_filters(filters, services),
            "clear_href": _query(queries.QueueFilters(queue=filters.queue)),
            "previous_href": _query(filters, page=page.page - 1) if page.has_previous else "",
            "next_href": _query(filters, page=page.page + 1) if page.has_next else "",
            "saved_views": queries.saved_views_of(user_id=member.user_id),
            "save_form": SavedViewForm(initial={"query": saved_query}),
            "today": today,
        },
    )


@require_POST
@staff_view(Capability.SEE_CASES)
def saved_view_save(request: HttpRequest, member: StaffMember) -> HttpResponse:
    form = SavedViewForm(request.POST)
    query = request.POST.get("query", "")
    # Keep only the queue's own parameters, so a saved view is always a queue.
    kept = QueryDict(query).copy()
    for key in list(kept):
        if key not in QUEUE_PARAMS:
            del kept[key]
    query = kept.urlencode()
    if form.is_valid():
        try:
            account_services.saved_view_save(
                user_id=member.user_id, name=form.cleaned_data["name"], query=query
            )
        except InvalidInput as error:
            form.add_error("name", str(error))
        else:
            return HttpResponseRedirect(f"/staff/cases/?{query}")
    return staff_render(
        request, member, "staff/cases/save_view.html", {"form": form, "query": query}, status=400
    )


@require_POST
@staff_view(Capability.SEE_CASES)
def saved_view_delete(request: HttpRequest, member: StaffMember, view_id: int) -> HttpResponse:
    account_services.saved_view_delete(user_id=member.user_id, view_id=view_id)
    return HttpResponseRedirect("/staff/cases/")
