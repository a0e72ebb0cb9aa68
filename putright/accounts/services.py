"""Writes to staff accounts: saved views, named access to restricted cases, staff users."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from putright.accounts.models import CaseAccess, SavedView, StaffProfile, StaffRole
from putright.cases.models import Case, Service
from putright.cases.services import InvalidInput

SAVED_VIEWS_PER_PERSON = 20


@transaction.atomic
def saved_view_save(*, user_id: int, name: str, query: str) -> SavedView:
    """Save (or replace) a work queue under `name`. Raises InvalidInput."""
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("Enter a name for this view.")
    if len(name) > 80:
        raise InvalidInput("The name must be 80 characters or fewer.")
    if len(query) > 500:
        raise InvalidInput("This view has too many filters to save.")
    existing = SavedView.objects.filter(user_id=user_id, name=name).first()
    if existing is not None:
        existing.query = query
        existing.save(update_fields=["query"])
        return existing
    if SavedView.objects.filter(user_id=user_id).count() >= SAVED_VIEWS_PER_PERSON:
        raise InvalidInput(
            f"You can save up to {SAVED_VIEWS_PER_PERSON} views. Delete one to save another."
        )
    return SavedView.objects.create(user_id=user_id, name=name, query=query)


@transaction.atomic
def saved_view_delete(*, user_id: int, view_id: int) -> None:
    """Delete one of the user's own saved views (another person's is left alone)."""
    SavedView.objects.filter(user_id=user_id, pk=view_id).delete()


@transaction.atomic
def case_access_grant(*, case: Case, user: Any, granted_by: Any | None, reason: str) -> CaseAccess:
    """Name `user` on a restricted case so they can see it. Raises InvalidInput."""
    if not reason.strip():
        raise InvalidInput("Say why this person needs to see the case.")
    try:
        with transaction.atomic():
            return CaseAccess.objects.create(
                case=case, user=user, granted_by=granted_by, reason=reason.strip()
            )
    except IntegrityError:
        return CaseAccess.objects.get(case=case, user=user)


@transaction.atomic
def staff_account_save(
    *,
    username: str,
    role: str,
    name: str = "",
    email: str = "",
    password: str | None = None,
    service: Service | None = None,
) -> Any:
    """Create or update a staff user with a role (and a service for officers and managers)."""
    if role not in StaffRole.values:
        raise InvalidInput(f"Choose a role: {', '.join(StaffRole.values)}.")
    if role in (StaffRole.INVESTIGATING_OFFICER, StaffRole.SERVICE_MANAGER) and service is None:
        raise InvalidInput("Investigating officers and service managers need a service.")
    users = get_user_model()
    user, created = users.objects.get_or_create(username=username, defaults={"email": email})
    if name:
        first, _, last = name.partition(" ")
        user.first_name, user.last_name = first, last
    if email:
        user.email = email
    if password is not None:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.save()
    StaffProfile.objects.update_or_create(
        user=user, defaults={"role": role, "service": service, "is_active": True}
    )
    return user
