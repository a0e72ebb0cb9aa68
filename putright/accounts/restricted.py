"""Naming who may work on a restricted case, from the back office, with an audit entry.

A restricted case (for example a member of staff complaining) is seen only by the people
named on it. The complaints team sees in the triage inbox that one exists, and names them
here; each naming is one entry on the case's timeline.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from putright.accounts.models import CaseAccess, StaffProfile, StaffRole
from putright.accounts.services import case_access_grant
from putright.cases.models import Case
from putright.cases.services import Actor, InvalidInput
from putright.cases.services._base import timeline_record


def staff_who_may_be_named() -> list[StaffProfile]:
    """Active staff who work on cases (governance sees counts only, never a case)."""
    return list(
        StaffProfile.objects.filter(is_active=True, user__is_active=True)
        .exclude(role=StaffRole.GOVERNANCE)
        .select_related("user__officer")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def named_on(*, case: Case) -> list[CaseAccess]:
    return list(
        CaseAccess.objects.filter(case=case)
        .select_related("user__officer", "user__staff_profile")
        .order_by("granted_at", "id")
    )


def _name_of(user: Any) -> str:
    officer = getattr(user, "officer", None)
    if officer is not None:
        return str(officer.name)
    return str(user.get_full_name() or user.get_username())


@transaction.atomic
def restricted_case_name(
    *, case: Case, user_id: int, actor: Actor, granted_by_id: int, reason: str
) -> CaseAccess:
    """Name a member of staff on a restricted case so they, and only the people named, may
    open it. Raises InvalidInput for a case that is not restricted, someone who is not an
    active member of staff who works on cases, or no reason."""
    if not case.restricted:
        raise InvalidInput("Only a restricted case has people named on it.")
    allowed = {p.user_id for p in staff_who_may_be_named()}
    if user_id not in allowed:
        raise InvalidInput("Choose an active member of staff who works on cases.")
    users = get_user_model().objects
    user = users.select_related("officer").get(pk=user_id)
    granted_by = users.filter(pk=granted_by_id).first()
    access = case_access_grant(case=case, user=user, granted_by=granted_by, reason=reason)
    timeline_record(
        case=case,
        actor=actor,
        action="restricted_case_named",
        summary=f"{_name_of(user)} named to work on this restricted case: {access.reason[:200]}",
        after={"user": user.pk},
    )
    return access
