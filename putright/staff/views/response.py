"""Back-office pages for the response composer: drafts, the PDF preview, and approval.

The composer (`cases/<ref>/respond/`) takes the place of the generic respond move's form.
Each POST makes ONE domain call: save the draft, send it for approval, or issue the
response (with its remedies and actions as ledger rows). The preview renders the saved
draft as the exact PDF the person would get, storing nothing. A service manager reviews a
draft waiting for approval (`cases/<ref>/response/approval/`): approve and issue, or return
it with comments.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import URLPattern, path

from putright.accounts.models import StaffRole
from putright.accounts.permissions import Capability, StaffMember
from putright.cases import selectors, services
from putright.cases.models import Case, ResponseDraft
from putright.core import clock
from putright.core.policy import policy_config
from putright.letters import workflows
from putright.policy.lifecycle import Move
from putright.staff import queries
from putright.staff.access import not_found, refused, staff_render, staff_view
from putright.staff.case_page.response import composer_context
from putright.staff.errors import attempt
from putright.staff.forms import DraftReturnForm, RespondForm
from putright.staff.moves import (
    MOVES,
    MoveContext,
    _respond_initial,
    is_final_stage,
    response_content,
)
from putright.staff.views.cases import _load, _Loaded

_NOT_SAVED = frozenset({"csrfmiddlewaretoken", "action", "version"})


def _draft_data(post: QueryDict) -> dict[str, str]:
    """What the composer holds, as typed: kept so the officer can come back to it."""
    return {key: post.get(key, "") for key in post if key not in _NOT_SAVED}


def _context(loaded: _Loaded, member: StaffMember) -> MoveContext:
    return MoveContext(
        case=loaded.case,
        record=queries.case_record(case=loaded.case, stages=loaded.stages),
        member=member,
        today=clock.today(),
    )


def _form(ctx: MoveContext, data: Any = None, **kwargs: Any) -> RespondForm:
    definition = ctx.record.definition
    # An action left without an owner belongs to the stage's officer, whoever issues it.
    stage = ctx.record.current_stage
    officer = stage.officer if stage is not None and stage.officer_id else ctx.member.officer
    return RespondForm(
        data,
        issues=[i.text for i in definition.issues.all()] if definition else [],
        default_owner=officer,
        **kwargs,
    )


def _reopened(ctx: MoveContext, draft: ResponseDraft) -> RespondForm:
    """The saved draft in the composer, without errors: a draft may be half written."""
    form = _form(ctx, {**draft.content, "version": ctx.case.version})
    form.full_clean()
    form.errors.clear()  # the officer sees what they wrote, not what is missing yet
    return form


def _refusal(
    request: HttpRequest, member: StaffMember, loaded: _Loaded | None
) -> HttpResponse | None:
    if loaded is None:
        return not_found(request, member)
    case = loaded.case
    if not loaded.may_act:
        return refused(request, member, f"You can see case {case.reference} but not act on it.")
    if Move.RESPOND not in selectors.case_moves_allowed(case=case):
        return refused(
            request,
            member,
            f"A response is not possible on case {case.reference} now. "
            "The case page shows what can be done.",
        )
    return None


def _issue(ctx: MoveContext, form: RespondForm, *, approved: bool = False) -> Any:
    return workflows.respond_and_issue(
        case=ctx.case,
        actor=ctx.member.actor,
        content=response_content(form),
        remedies=form.ledger_remedies,
        actions=form.ledger_actions,
        approved=approved,
        root_cause=form.cleaned_data.get("root_cause"),  # issue 13: themes
    )


def _escalation_hint(case: Case) -> str:
    """What the letter adds after (g), so the officer does not write it twice: the window
    to ask for the next stage comes from the process configuration."""
    if is_final_stage(case):
        return "The letter then gives the Ombudsman's name, address, phone and website."
    stage = policy_config().version_by_key(case.policy_version).stage(case.stage)
    window = stage.escalation_window_days
    if not window:
        return "After this, the letter tells the person how to ask for the next stage."
    return (
        f"After this, the letter tells the person they can ask within {window} working days "
        "of this response, and gives the date."
    )


def _render(
    request: HttpRequest, member: StaffMember, ctx: MoveContext, form: RespondForm, draft: Any
) -> HttpResponse:
    form.fields["how_to_escalate"].help_text = _escalation_hint(ctx.case)
    return staff_render(
        request,
        member,
        "staff/cases/respond.html",
        {
            "case": ctx.case,
            "spec": MOVES[Move.RESPOND],
            "form": form,
            "move": "respond",
            "final_stage": is_final_stage(ctx.case),
            "draft": draft,
            "needs_approval": ctx.case.service.responses_need_approval,
            **composer_context(case=ctx.case, record=ctx.record),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@staff_view(Capability.SEE_CASES)
def compose(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    loaded = _load(member, reference)
    refusal = _refusal(request, member, loaded)
    if refusal is not None or loaded is None:
        return refusal or not_found(request, member)
    ctx = _context(loaded, member)
    case = ctx.case
    draft = services.response_draft_current(case=case)
    back = f"/staff/cases/{case.reference}/"
    if request.method != "POST":
        if draft is not None and draft.state != "issued":
            return _render(request, member, ctx, _reopened(ctx, draft), draft)
        initial = {"version": case.version, **_respond_initial(ctx)}
        return _render(request, member, ctx, _form(ctx, initial=initial), draft)
    action = request.POST.get("action", "issue")
    data = _draft_data(request.POST)
    form = _form(ctx, request.POST)
    if action in ("save", "preview"):
        form.full_clean()
        form.errors.clear()  # saving never asks for what is still missing
        if attempt(
            form,
            lambda: services.response_draft_save(case=case, actor=member.actor, content=data),
            lambda _rule: None,
        ):
            if action == "preview":
                return HttpResponseRedirect(f"{back}response/preview/")
            messages.success(request, "Draft saved. You can leave and come back to it.")
            return HttpResponseRedirect(f"{back}respond/")
        return _render(request, member, ctx, form, draft)
    if form.is_valid():
        if action == "submit":
            call: Any = lambda: services.response_draft_submit(  # noqa: E731
                case=case, actor=member.actor, content=data
            )
            done = "Sent to a service manager for approval. The deadline keeps running."
        else:
            call = lambda: _issue(ctx, form)  # noqa: E731
            done = f"{MOVES[Move.RESPOND].label}: done."
        if attempt(form, call, lambda _rule: None):
            messages.success(request, done)
            return HttpResponseRedirect(back)
    return _render(request, member, ctx, form, draft)


@staff_view(Capability.SEE_CASES)
def preview(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    """The saved draft as the exact PDF the person would get (nothing is stored or sent)."""
    loaded = _load(member, reference)
    refusal = _refusal(request, member, loaded)
    if refusal is not None or loaded is None:
        return refusal or not_found(request, member)
    ctx = _context(loaded, member)
    draft = services.response_draft_current(case=ctx.case)
    if draft is None or draft.state == "issued":
        return not_found(request, member)
    form = _form(ctx, {**draft.content, "version": ctx.case.version})
    pdf: list[bytes] = []
    if form.is_valid() and attempt(
        form,
        lambda: pdf.append(
            workflows.respond_preview(
                case=ctx.case,
                actor=member.actor,
                content=response_content(form),
                remedies=form.ledger_remedies,
                actions=form.ledger_actions,
            )
        ),
        lambda _rule: None,
    ):
        response = HttpResponse(pdf[0], content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="preview-{ctx.case.reference}.pdf"'
        response["Cache-Control"] = "no-store"
        return response
    return _render(request, member, ctx, form, draft)


def _may_approve(member: StaffMember, loaded: _Loaded) -> bool:
    """A service manager of the case's service approves (rule 3 already limits them to it)."""
    return member.role == StaffRole.SERVICE_MANAGER and loaded.may_act


@staff_view(Capability.SEE_CASES)
def approval(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    loaded = _load(member, reference)
    if loaded is None:
        return not_found(request, member)
    case: Case = loaded.case
    if not _may_approve(member, loaded):
        return refused(
            request, member, f"Only a service manager of {case.service.name} approves responses."
        )
    draft = services.response_draft_current(case=case)
    if draft is None or draft.state != "awaiting_approval":
        return not_found(request, member)
    ctx = _context(loaded, member)
    review = DraftReturnForm(request.POST or None)
    if request.method == "POST" and review.is_valid():
        if request.POST.get("action") == "approve":
            form = _form(ctx, {**draft.content, "version": case.version})
            if not form.is_valid():
                review.add_error(None, "The draft is incomplete: return it to the officer.")
            elif attempt(review, lambda: _issue(ctx, form, approved=True), lambda _rule: None):
                messages.success(request, "Approved: the response has been issued.")
                return HttpResponseRedirect(f"/staff/cases/{case.reference}/")
        elif attempt(
            review,
            lambda: services.response_draft_return(
                case=case, actor=member.actor, comment=review.cleaned_data["comment"]
            ),
            lambda _rule: None,
        ):
            messages.success(request, "Returned to the officer with your comments.")
            return HttpResponseRedirect(f"/staff/cases/{case.reference}/")
    return staff_render(
        request,
        member,
        "staff/cases/approval.html",
        {
            "case": case,
            "draft": draft,
            "form": review,
            "preview_href": f"/staff/cases/{case.reference}/response/preview/",
            **composer_context(case=case, record=ctx.record),
        },
        status=400 if review.is_bound else 200,
    )


urlpatterns: list[URLPattern] = [
    path("cases/<str:reference>/respond/", compose, name="respond"),
    path("cases/<str:reference>/response/preview/", preview, name="response-preview"),
    path("cases/<str:reference>/response/approval/", approval, name="response-approval"),
]
