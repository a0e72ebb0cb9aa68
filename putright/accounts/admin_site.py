"""The Django admin behind the same two-factor sign-in as the back office."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


class StaffAdminSite(admin.AdminSite):
    """The default admin site, but only for staff who signed in with their second factor.

    Its own password-only login page is replaced by the back office's sign-in.
    """

    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request):
            return False
        if not settings.PUTRIGHT_ADMIN_OTP_REQUIRED:
            return True
        verified = getattr(request.user, "is_verified", None)
        return bool(verified and verified())

    def login(
        self, request: HttpRequest, extra_context: dict[str, object] | None = None
    ) -> HttpResponse:
        target = request.GET.get("next") or request.get_full_path()
        return HttpResponseRedirect(f"{settings.LOGIN_URL}?{urlencode({'next': target})}")
