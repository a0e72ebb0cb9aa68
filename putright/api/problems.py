"""Errors as RFC 9457 problem details (`application/problem+json`), for every operation.

A refused move carries the policy core's stable `rule` code and its plain-English message
(and `override`, what staff can record to pass the rule, when there is one); a form error
carries `errors`, each field's messages.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from putright.cases.services import CaseConflict, InvalidInput
from putright.policy.lifecycle import RuleBroken
from putright.public.uploads import FileRefused

PROBLEM_TYPE = "application/problem+json"
TYPE_BASE = "https://putright.example/problems/"

TITLES = {
    400: "The request is not valid",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    415: "Unsupported media type",
    422: "Refused",
    429: "Too many requests",
}


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, with PutRight's extension members."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    rule = serializers.CharField(required=False, help_text="The policy core's rule code.")
    override = serializers.CharField(
        required=False, allow_null=True, help_text="What staff can record to pass the rule."
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Each field's messages.",
    )


def problem(
    status_code: int, detail: str, *, kind: str = "", instance: str = "", **extra: Any
) -> dict[str, Any]:
    return {
        "type": TYPE_BASE + (kind or str(status_code)),
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
        "instance": instance,
        **extra,
    }


def _errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail, flattened to `field.sub` -> messages."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.update(_errors(value, name))
    elif isinstance(detail, list):
        if all(not isinstance(v, dict | list) for v in detail):
            out[prefix or "non_field_errors"] = [str(v) for v in detail]
        else:
            for n, value in enumerate(detail):
                out.update(_errors(value, f"{prefix}.{n}" if prefix else str(n)))
    else:
        out[prefix or "non_field_errors"] = [str(detail)]
    return out


def _response(
    request: Any, body: dict[str, Any], headers: dict[str, str] | None = None
) -> Response:
    body["instance"] = getattr(request, "path", "")
    response = Response(body, status=body["status"], headers=headers)
    response.content_type = PROBLEM_TYPE
    return response


def handle_exception(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's exception handler: every error the API answers, as problem details."""
    request = context.get("request")
    if isinstance(exc, RuleBroken):
        return _response(
            request,
            problem(422, exc.message, kind=exc.rule, rule=exc.rule, override=exc.override),
        )
    if isinstance(exc, InvalidInput):
        return _response(request, problem(422, str(exc), kind="invalid-input"))
    if isinstance(exc, FileRefused):
        return _response(request, problem(422, exc.message, kind="file-refused"))
    if isinstance(exc, CaseConflict):
        return _response(request, problem(409, str(exc), kind="case-conflict"))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("There is no such case, or you may not see it.")
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            400, "Some fields are not valid.", kind="invalid", errors=_errors(exc.detail)
        )
    else:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        body = problem(exc.status_code, str(detail))
    headers = {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After")}
    return _response(request, body, headers)


@csrf_exempt  # an API address, answered without reading or changing anything
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any address under /api/ that is not an operation: a problem, not an HTML page."""
    body = problem(404, "There is no such address in this API.", instance=request.path)
    return JsonResponse(body, status=status.HTTP_404_NOT_FOUND, content_type=PROBLEM_TYPE)
