"""The OpenAPI schema's additions: problem details declared on every operation, and the
two ways in (a Bearer token, the staff session cookie)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

from putright.api.problems import PROBLEM_TYPE, TITLES, ProblemSerializer

PROBLEM_CODES = tuple(sorted(TITLES))


class ProblemAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        bodies: dict[str, Any] = super()._get_response_bodies(direction)
        for code in PROBLEM_CODES:
            bodies.setdefault(
                str(code),
                self._get_response_for_code(  # type: ignore[no-untyped-call]
                    ProblemSerializer, str(code), media_types=[PROBLEM_TYPE], direction=direction
                ),
            )
            bodies[str(code)]["description"] = TITLES[code]
        return bodies


class BearerTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "putright.api.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token made by `manage.py api_token_create`.",
        }


class StaffSessionScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "putright.api.authentication.StaffSessionAuthentication"
    name = "staffSession"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
