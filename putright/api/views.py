"""The API's operations: each parses input, makes ONE service, workflow or selector call,
and answers; errors are problem details (problems.py)."""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar

from django.db import IntegrityError, transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from putright.api import queries
from putright.api import serializers as s
from putright.api.clients import CASEWORK, CONTRACTOR, INTAKE, READ, ApiClient
from putright.api.models import IdempotencyKey
from putright.api.moves import MOVES, MoveSpec
from putright.cases import services
from putright.cases.models import Case, Officer, Service
from putright.cases.models.case import CASE_KINDS, CHANNELS
from putright.cases.services import ActionOwner, CaseConflict, PersonDetails
from putright.cases.services.mail import correspondence_in_with_files
from putright.cases.services.online import Upload
from putright.core.policy import policy_config
from putright.public import uploads

READERS = (READ, CASEWORK, CONTRACTOR)
ANY_SCOPE = (INTAKE, READ, CASEWORK, CONTRACTOR)


def client_of(request: Request) -> ApiClient:
    client = request.user
    if not isinstance(client, ApiClient):  # the permission class has already refused this
        raise exceptions.NotAuthenticated()
    return client


REFERENCE = OpenApiParameter(
    "reference", OpenApiTypes.STR, OpenApiParameter.PATH, description="The CU reference."
)


# ---------------------------------------------------------------------------------------
# Contacts


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Any unique string (a UUID): the same key sent again answers with the case "
    "the first request made, even when both arrive at the same moment.",
)


def _fingerprint(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


class IdempotencyKeyReused(exceptions.APIException):
    status_code = 409
    default_detail = "This Idempotency-Key was already used for a different contact."


class ContactsView(APIView):
    scopes = (INTAKE,)

    @extend_schema(
        operation_id="contact_create",
        summary="Record a contact from any channel; it waits in the triage inbox",
        parameters=[IDEMPOTENCY_KEY],
        request=s.ContactIn,
        responses={201: s.ContactOut, 200: s.ContactOut},
    )
    def post(self, request: Request) -> Response:
        client = client_of(request)
        form = s.ContactIn(data=request.data)
        form.is_valid(raise_exception=True)
        key = request.headers.get("Idempotency-Key", "").strip()
        if len(key) > 200:
            raise exceptions.ValidationError({"Idempotency-Key": ["Use at most 200 characters."]})
        if not key:
            case = self._record(client, form.validated_data)
            return self._answer(case, replayed=False)
        fingerprint = _fingerprint(request.data)
        try:
            with transaction.atomic():
                # The row is written first: a second request with the key waits on the
                # unique index until this transaction ends, then fails and replays.
                claim = IdempotencyKey.objects.create(
                    owner=client.owner, key=key, fingerprint=fingerprint
                )
                claim.case = self._record(client, form.validated_data)
                claim.save(update_fields=["case"])
                return self._answer(claim.case, replayed=False)
        except IntegrityError:
            earlier = IdempotencyKey.objects.select_related("case__service").get(
                owner=client.owner, key=key
            )
        if earlier.fingerprint != fingerprint:
            raise IdempotencyKeyReused()
        assert earlier.case is not None  # noqa: S101 - written in the claim's transaction
        return self._answer(earlier.case, replayed=True)

    def _record(self, client: ApiClient, d: dict[str, Any]) -> Case:
        return services.contact_record(
            channel=d["channel"],
            person=PersonDetails(**d["person"]),
            service=d["service"],
            text=d["text"],
            actor=client.actor,
            kind=d["kind"],
            summary=d["summary"],
            aware_on=d["aware_on"],
            outcomes_sought=d["outcomes_sought"],
            received_at=d["received_at"],
        )

    def _answer(self, case: Case, *, replayed: bool) -> Response:
        body = s.ContactOut({"replayed": replayed, "case": case}).data
        return Response(
            body,
            status=status.HTTP_200_OK if replayed else status.HTTP_201_CREATED,
            headers={"Location": f"/api/v1/cases/{case.reference}"},
        )


# ---------------------------------------------------------------------------------------
# Cases


class CasePages(CursorPagination):
    ordering = "-id"
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


class CaseListView(ListAPIView):
    scopes = READERS
    serializer_class = s.CaseSummaryOut
    pagination_class = CasePages

    @extend_schema(
        operation_id="case_list",
        summary="Cases you may see, newest first, with filters and cursor pages",
        parameters=[s.CaseFilters],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        filters = s.CaseFilters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return queries.case_list(client_of(self.request), filters.validated_data)


class CaseDetailView(APIView):
    scopes = READERS

    @extend_schema(
        operation_id="case_read",
        summary="A case with every deadline and its state, and the moves allowed now",
        parameters=[REFERENCE],
        responses={200: s.CaseOut},
    )
    def get(self, request: Request, reference: str) -> Response:
        case = queries.case_for(client_of(request), reference)
        return Response(s.CaseOut(queries.case_detail(case)).data)


def _acting_on(request: Request, reference: str, spec_scopes: tuple[str, ...]) -> Case:
    client = client_of(request)
    case = queries.case_for(client, reference)
    if client.contractor and CONTRACTOR in spec_scopes:
        return case
    if not client.may_act_on(case):
        raise exceptions.PermissionDenied("You may not act on this case.")
    return case


def _version_check(case: Case, data: dict[str, Any]) -> None:
    version = data.get("version")
    if version is not None and version != case.version:
        raise CaseConflict(case.reference)


def move_view(spec: MoveSpec) -> type[APIView]:
    """One operation per move, `POST /cases/{reference}/<move>`."""

    class MoveView(APIView):
        scopes = spec.scopes

        @extend_schema(
            operation_id=f"case_{spec.slug.replace('-', '_')}",
            summary=spec.summary,
            description="A move the policy refuses answers 422 with the core's `rule` code.",
            parameters=[REFERENCE],
            request=spec.serializer,
            responses={200: s.CaseOut},
            tags=["moves"],
        )
        def post(self, request: Request, reference: str) -> Response:
            case = _acting_on(request, reference, spec.scopes)
            form = spec.serializer(data=request.data)
            form.is_valid(raise_exception=True)
            _version_check(case, form.validated_data)
            spec.perform(client_of(request), case, form.validated_data)
            case.refresh_from_db()
            return Response(s.CaseOut(queries.case_detail(case)).data)

    MoveView.__name__ = MoveView.__qualname__ = f"Move_{spec.slug.replace('-', '_')}"
    return MoveView


MOVE_VIEWS = {spec.slug: move_view(spec) for spec in MOVES}


# ---------------------------------------------------------------------------------------
# Remedies and outstanding actions


class RemediesView(APIView):
    scopes_by_method: ClassVar[dict[str, tuple[str, ...]]] = {"GET": READERS, "POST": (CASEWORK,)}

    @extend_schema(
        operation_id="remedy_list", parameters=[REFERENCE], responses={200: s.RemedyOut(many=True)}
    )
    def get(self, request: Request, reference: str) -> Response:
        case = queries.case_for(client_of(request), reference)
        return Response(s.RemedyOut(queries.remedies_of(case), many=True).data)

    @extend_schema(
        operation_id="remedy_offer",
        parameters=[REFERENCE],
        request=s.RemedyIn,
        responses={201: s.RemedyOut},
    )
    def post(self, request: Request, reference: str) -> Response:
        case = _acting_on(request, reference, (CASEWORK,))
        form = s.RemedyIn(data=request.data)
        form.is_valid(raise_exception=True)
        d = form.validated_data
        remedy = services.remedy_offer(
            case=case,
            actor=client_of(request).actor,
            kind=d["kind"],
            description=d["description"],
            amount=d["amount"],
        )
        return Response(s.RemedyOut(remedy).data, status=status.HTTP_201_CREATED)


class RemedyView(APIView):
    scopes = (CASEWORK,)

    @extend_schema(
        operation_id="remedy_update",
        summary="Accepted, declined, delivered or paid; or replaced with what replaced it",
        parameters=[REFERENCE, OpenApiParameter("remedy_id", OpenApiTypes.INT, "path")],
        request=s.RemedyUpdateIn,
        responses={200: s.RemedyOut},
    )
    def post(self, request: Request, reference: str, remedy_id: int) -> Response:
        case = _acting_on(request, reference, (CASEWORK,))
        remedy = queries.remedies_of(case).filter(pk=remedy_id).first()
        if remedy is None:
            raise exceptions.NotFound("This case has no such remedy.")
        form = s.RemedyUpdateIn(data=request.data)
        form.is_valid(raise_exception=True)
        d = form.validated_data
        remedy = services.remedy_update(
            case=case,
            actor=client_of(request).actor,
            remedy=remedy,
            state=d["state"],
            replaced_with=d["replaced_with"],
        )
        return Response(s.RemedyOut(remedy).data)


class ActionsView(APIView):
    scopes_by_method: ClassVar[dict[str, tuple[str, ...]]] = {"GET": READERS, "POST": (CASEWORK,)}

    @extend_schema(
        operation_id="action_list",
        summary="Outstanding actions (a contractor sees only its own)",
        parameters=[REFERENCE],
        responses={200: s.ActionOut(many=True)},
    )
    def get(self, request: Request, reference: str) -> Response:
        client = client_of(request)
        case = queries.case_for(client, reference)
        return Response(s.ActionOut(queries.actions_of(client, case), many=True).data)

    @extend_schema(
        operation_id="action_add",
        parameters=[REFERENCE],
        request=s.ActionIn,
        responses={201: s.ActionOut},
    )
    def post(self, request: Request, reference: str) -> Response:
        client = client_of(request)
        case = _acting_on(request, reference, (CASEWORK,))
        form = s.ActionIn(data=request.data)
        form.is_valid(raise_exception=True)
        d = form.validated_data
        officer = d.get("officer") or (client.member.officer if client.member else None)
        if d["contractor"].strip():
            owner = ActionOwner(kind="contractor", name=d["contractor"])
        elif officer is not None:
            owner = ActionOwner(kind="staff", officer=officer, name=officer.name)
        else:
            raise exceptions.ValidationError({"officer": ["Name the officer or the contractor."]})
        action = services.action_add(
            case=case,
            actor=client.actor,
            description=d["description"],
            owner=owner,
            due_on=d["due_on"],
            update_every_days=d["update_every_days"],
        )
        return Response(s.ActionOut(action).data, status=status.HTTP_201_CREATED)


class ActionUpdateView(APIView):
    scopes = (CASEWORK, CONTRACTOR)

    @extend_schema(
        operation_id="action_update",
        summary="An update on an outstanding action (the person is told), or its completion",
        parameters=[REFERENCE, OpenApiParameter("action_id", OpenApiTypes.INT, "path")],
        request=s.ActionUpdateIn,
        responses={200: s.ActionOut},
    )
    def post(self, request: Request, reference: str, action_id: int) -> Response:
        client = client_of(request)
        case = _acting_on(request, reference, self.scopes)
        action = queries.actions_of(client, case).filter(pk=action_id).first()
        if action is None:
            raise exceptions.NotFound("This case has no such outstanding action.")
        form = s.ActionUpdateIn(data=request.data)
        form.is_valid(raise_exception=True)
        services.action_update(
            case=case,
            actor=client.actor,
            action=action,
            text=form.validated_data["text"],
            completed=form.validated_data["completed"],
        )
        action.refresh_from_db()
        return Response(s.ActionOut(action).data)


# ---------------------------------------------------------------------------------------
# Reference data and the events feed


class ReferenceView(APIView):
    scopes = ANY_SCOPE

    @extend_schema(
        operation_id="reference_read",
        summary="Services, officers, exclusion grounds, channels and kinds",
        responses={200: s.ReferenceOut},
    )
    def get(self, request: Request) -> Response:
        config = policy_config()
        data = {
            "services": Service.objects.filter(is_active=True).order_by("code"),
            "officers": Officer.objects.filter(is_active=True).order_by("id"),
            "exclusions": [{"code": e.code, "title": e.title} for e in config.exclusions.values()],
            "channels": [c for c, _ in CHANNELS],
            "kinds": [k for k, _ in CASE_KINDS],
        }
        return Response(s.ReferenceOut(data).data)


class EventsView(APIView):
    scopes = READERS

    @extend_schema(
        operation_id="event_list",
        summary="Timeline events after a cursor, oldest first, on the cases you may see",
        parameters=[s.EventsQuery],
        responses={200: s.EventPageOut},
    )
    def get(self, request: Request) -> Response:
        query = s.EventsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        after, limit = query.validated_data["after"], query.validated_data["limit"]
        events = queries.events_after(client_of(request), after=after, limit=limit)
        body = {"events": events, "next_cursor": events[-1].id if events else after}
        return Response(s.EventPageOut(body).data)


# ---------------------------------------------------------------------------------------
# Attachments: the public site's content checks, then the case's correspondence


def _checked_uploads(files: list[Any]) -> tuple[Upload, ...]:
    """Each file checked by what it contains (putright.public.uploads, as on the public
    site); raises FileRefused, a 422 problem, for the first it will not take."""
    checked = []
    for n, upload in enumerate(files):
        kind = uploads.check(upload, already=n)
        checked.append(
            Upload(
                name=upload.name or "file",
                content_type=kind.content_type,
                size=upload.size,
                file=upload,
                extension=kind.extension,
            )
        )
    return tuple(checked)


class AttachmentsView(APIView):
    scopes_by_method: ClassVar[dict[str, tuple[str, ...]]] = {
        "GET": READERS,
        "POST": (INTAKE, CASEWORK),
    }
    parser_classes = (MultiPartParser,)

    @extend_schema(
        operation_id="attachment_list",
        summary="Files received on a case (their details; not their content)",
        parameters=[REFERENCE],
        responses={200: s.AttachmentOut(many=True)},
    )
    def get(self, request: Request, reference: str) -> Response:
        case = queries.case_for(client_of(request), reference)
        return Response(s.AttachmentOut(queries.attachments_of(case), many=True).data)

    @extend_schema(
        operation_id="attachment_add",
        summary="Send files for a case: PDF, JPG, PNG, DOCX, ODT or TXT, checked by content",
        parameters=[REFERENCE],
        request={"multipart/form-data": s.AttachmentsIn},
        responses={201: s.AttachmentOut(many=True)},
    )
    def post(self, request: Request, reference: str) -> Response:
        client = client_of(request)
        case = queries.case_for(client, reference)
        if not (client.has(INTAKE) or client.may_act_on(case)):
            raise exceptions.PermissionDenied("You may not add to this case.")
        form = s.AttachmentsIn(data=request.data)
        form.is_valid(raise_exception=True)
        d = form.validated_data
        letter = correspondence_in_with_files(
            case=case,
            actor=client.actor,
            channel=d["channel"],
            subject=d["subject"],
            uploads=_checked_uploads(d["files"]),
        )
        rows = letter.attachments.select_related("correspondence").order_by("id")
        return Response(s.AttachmentOut(rows, many=True).data, status=status.HTTP_201_CREATED)
