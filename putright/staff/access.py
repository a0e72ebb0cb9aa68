"""The gate in front of every back-office page: signed in (with the second factor), staff,
and allowed by the role table."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from putright.accounts.permissions import Capability, StaffMember, staff_member_for
from putright.accounts.signin import is_verified, otp_required

REPORTS_HUB = "/staff/reports/"
OWN_ITEM_REPORTS = ("/staff/reports/service-status/", "/staff/reports/equality/")

StaffView = Callable[Concatenate[HttpRequest, StaffMember, ...], HttpResponse]


def navigation(request: HttpRequest, member: StaffMember) -> list[dict[str, Any]]:
    """The service navigation: only what the member's role can open."""
    items: list[dict[str, Any]] = []
    if member.can(Capability.SEE_CASES):
        items.append({"text": "Cases", "href": "/staff/cases/"})
    if member.can(Capability.TRIAGE):
        items.append({"text": "Triage inbox", "href": "/staff/inbox/"})
    if member.can(Capability.SEE_COUNTS):
        items.append({"text": "Open cases by service", "href": "/staff/reports/service-status/"})
    if member.can(Capability.SEE_EQUALITY_AGGREGATE):
        items.append({"text": "Equality monitoring", "href": "/staff/reports/equality/"})
    if member.can(Capability.ACT_ON_ANY_CASE):  # case work: the print-and-post queue
        items.append({"text": "Letters to post", "href": "/staff/letters/post/"})
    if member.can(Capability.SEE_CASES):
        items.append({"text": "Learning log", "href": "/staff/learning/"})
    if member.can(Capability.ACT_ON_ANY_CASE):
        items.append({"text": "Closure days", "href": "/staff/calendar/"})
    # Issue 13: the reports hub (putright.reports), last in the list. The counts and
    # equality pages live under /staff/reports/ too but keep their own items.
    if member.can(Capability.SEE_REPORTS):
        items.append({"text": "Reports", "href": REPORTS_HUB})
    for item in items:
        item["current"] = request.path.startswith(str(item["href"]))
        if item["href"] == REPORTS_HUB:
            item["current"] = item["current"] and not request.path.startswith(OWN_ITEM_REPORTS)
    return items


def staff_render(
    request: HttpRequest,
    member: StaffMember,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        template,
        {"member": member, "navigation": navigation(request, member), **(context or {})},
        status=status,
    )


def refused(request: HttpRequest, member: StaffMember, message: str) -> HttpResponse:
    return staff_render(request, member, "staff/refused.html", {"message": message}, status=403)


def not_found(request: HttpRequest, member: StaffMember) -> HttpResponse:
    return staff_render(request, member, "staff/not_found.html", status=404)


def _to_sign_in(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(
        f"{settings.LOGIN_URL}?{urlencode({'next': request.get_full_path()})}"
    )


def staff_view(
    capability: Capability | None = None,
) -> Callable[[StaffView], Callable[..., HttpResponse]]:
    """Let the request through to `view(request, member, ...)` only for signed-in staff
    (second factor included, where required) whose role has `capability`."""

    def decorate(view: StaffView) -> Callable[..., HttpResponse]:
        @wraps(view)
        def gate(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return _to_sign_in(request)
            if otp_required() and not is_verified(request):
                auth.logout(request)
                return _to_sign_in(request)
            member = staff_member_for(request.user)
            if member is None:
                return render(request, "staff/not_staff.html", status=403)
            if capability is not None and not member.can(capability):
                return refused(request, member, "Your role does not give access to this page.")
            return view(request, member, *args, **kwargs)

        return gate

    return decorate
