"""Staff sign-in in two steps: a password (throttled by django-axes), then a code from an
authenticator app (TOTP, django-otp) or a one-time backup code.

Nobody is signed in (django.contrib.auth.login) until both steps pass: between them the
session only remembers who passed the first step, for a few minutes. A member of staff
with no authenticator yet sets one up at the second step.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.accounts.middleware import session_start
from putright.accounts.models import StaffProfile

PENDING = "putright_signin_pending"
PENDING_FOR = 5 * 60  # seconds between the password and the code
_BACKEND = "django.contrib.auth.backends.ModelBackend"
AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_CODES_NAME = "Backup codes"


def otp_required() -> bool:
    return bool(settings.PUTRIGHT_STAFF_OTP_REQUIRED)


def password_check(request: HttpRequest, *, username: str, password: str) -> Any | None:
    """The staff user with this username and password, or None.

    django-axes counts each failure against the username and address; after too many it
    raises its lockout, which its middleware turns into the lockout page.
    """
    user = auth.authenticate(request, username=username, password=password)
    if user is None:
        return None
    if not StaffProfile.objects.filter(user_id=user.pk, is_active=True).exists():
        return None
    return user


def pending_start(request: HttpRequest, user: Any) -> None:
    request.session.cycle_key()
    request.session[PENDING] = {"user": user.pk, "at": int(time.time())}


def pending_user(request: HttpRequest) -> Any | None:
    """Who passed the password step in this session in the last few minutes, or None."""
    pending = request.session.get(PENDING)
    if not pending or int(time.time()) - int(pending.get("at", 0)) > PENDING_FOR:
        return None
    model = auth.get_user_model()
    return model.objects.filter(pk=pending["user"], is_active=True).first()


def has_authenticator(user: Any) -> bool:
    """Whether `user` has set up an authenticator app; backup codes alone are not enough."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def code_check(user: Any, code: str) -> Device | None:
    """The device that accepts `code` (authenticator first, then backup codes), or None.

    Each device throttles wrong codes itself (django-otp's ThrottlingMixin).
    """
    token = "".join(code.split())
    if not token:
        return None
    for device in devices_for_user(user, confirmed=True):
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    return None


def authenticator_enrol(user: Any) -> TOTPDevice:
    """The unconfirmed authenticator being set up for `user` (made on first ask)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def authenticator_confirm(device: TOTPDevice, code: str) -> bool:
    """Confirm the authenticator being set up if `code` is its current code."""
    if not device.verify_token("".join(code.split())):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def sign_in(request: HttpRequest, user: Any, device: Device | None) -> None:
    """Sign `user` in (both steps passed, or the second is switched off)."""
    request.session.pop(PENDING, None)
    if device is not None:
        # django-otp's user_logged_in handler stores the device in the session.
        user.otp_device = device
    auth.login(request, user, backend=_BACKEND)
    session_start(request)


def is_verified(request: HttpRequest) -> bool:
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def backup_codes_ensure(user: AbstractBaseUser, *, count: int = 5) -> list[str]:
    """Top `user`'s backup codes up to `count` and return the unused ones (demo personas)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_CODES_NAME, defaults={"confirmed": True}
    )
    have = list(device.token_set.order_by("id").values_list("token", flat=True))
    for _ in range(count - len(have)):
        token = StaticToken.random_token()
        device.token_set.create(token=token)
        have.append(token)
    return have


__all__ = [
    "AUTHENTICATOR_NAME",
    "DEVICE_ID_SESSION_KEY",
    "authenticator_confirm",
    "authenticator_enrol",
    "backup_codes_ensure",
    "code_check",
    "has_authenticator",
    "is_verified",
    "otp_required",
    "password_check",
    "pending_start",
    "pending_user",
    "sign_in",
]
