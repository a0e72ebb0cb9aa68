"""Per-token rate limits: each token's own requests per minute (staff sessions share one
setting). Counted in the cache, so every web worker sees the same count when the cache is
shared (Redis in production)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from putright.api.clients import ApiClient


class PerClientRateThrottle(SimpleRateThrottle):
    scope = "api"

    def __init__(self) -> None:
        # The rate depends on the client, so it is read in allow_request, not here.
        self.num_requests, self.duration = 0, 60

    def allow_request(self, request: Request, view: Any) -> bool:
        client = request.user
        if not isinstance(client, ApiClient):
            return True
        self.num_requests = client.requests_per_minute or int(
            getattr(settings, "PUTRIGHT_API_STAFF_REQUESTS_PER_MINUTE", 300)
        )
        self.rate = f"{self.num_requests}/min"
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        client = request.user
        if not isinstance(client, ApiClient):
            return None
        return f"api-throttle-{client.owner}"
