"""Scopes each operation needs, checked before the view runs."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from putright.api.clients import ApiClient


class HasScope(BasePermission):
    """The view's `scopes` (any one of them) must be among the client's. A view may name
    scopes per method with `scopes_by_method`."""

    message = "This token's scopes do not allow this operation."

    def has_permission(self, request: Request, view: Any) -> bool:
        client = request.user
        if not isinstance(client, ApiClient):
            return False
        by_method = getattr(view, "scopes_by_method", {})
        needed = by_method.get(request.method, getattr(view, "scopes", ()))
        return client.has(*needed)
