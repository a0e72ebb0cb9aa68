"""Back-office pages for Ombudsman cases, learning, restrictions, adjustments, children's
safeguards, closure days.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path

from putright.accounts.permissions import Capability, StaffMember
from putright.cases import services
from putright.cases.services.calendar import closure_days_listed, shipped_non_working_days
from putright.core import clock
from putright.staff.access import staff_render, staff_view
from putright.staff.errors import attempt
from putright.staff.records_forms import ClosureDayForm

CALENDAR = "/staff/calendar/"


def _moved(result: services.Recomputed) -> str:
    if not result.cases:
        return "No open deadline moved."
    return f"Deadlines moved on {result.cases} open case(s); each case's timeline says which."


# The complaints team keeps the calendar: it is the role that acts on any case, and a closure
# day moves deadlines on every service's cases.
@staff_view(Capability.ACT_ON_ANY_CASE)
def calendar(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """Closure days and bank holidays: the default list, and the days added here."""
    form = ClosureDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome: list[services.Recomputed] = []

        def add() -> None:
            outcome.append(
                services.closure_day_add(
                    day=data["day"],
                    name=data["name"],
                    kind=data["kind"],
                    actor=member.actor,
                    user_id=member.user_id,
                )
            )

        if attempt(form, add, lambda _rule: None):
            messages.success(request, f"{data['name']} added. {_moved(outcome[0])}")
            return HttpResponseRedirect(CALENDAR)
    year = clock.today().year
    return staff_render(
        request,
        member,
        "staff/records/calendar.html",
        {
            "form": form,
            "added": closure_days_listed(),
            "shipped": [(y, shipped_non_working_days(year=y)) for y in (year, year + 1)],
        },
        status=400 if form.is_bound else 200,
    )


@staff_view(Capability.ACT_ON_ANY_CASE)
def calendar_remove(request: HttpRequest, member: StaffMember, day_id: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseRedirect(CALENDAR)
    try:
        result = services.closure_day_remove(
            day_id=day_id, actor=member.actor, user_id=member.user_id
        )
    except services.InvalidInput as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Day removed. {_moved(result)}")
    return HttpResponseRedirect(CALENDAR)


urlpatterns: list[URLPattern] = [
    path("calendar/", calendar, name="calendar"),
    path("calendar/<int:day_id>/remove/", calendar_remove, name="calendar-remove"),
]
