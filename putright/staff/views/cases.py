"""A case's page and its actions panel: each move's form, and one service call per POST."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from putright.accounts.permissions import (
    Capability,
    StaffMember,
    case_is_named_for,
    may_act_on_case,
    may_see_case,
)
from putright.cases import selectors
from putright.cases.models import Case, OutstandingAction, Remedy
from putright.core import clock
from putright.core.policy import policy_config, working_calendar
from putright.policy.deadlines import Deadline, DeadlineState
from putright.policy.lifecycle import Move
from putright.staff import queries
from putright.staff.access import not_found, refused, staff_render, staff_view
from putright.staff.case_page import PageInput, page_parts
from putright.staff.errors import attempt
from putright.staff.forms import RespondForm, VersionedForm
from putright.staff.letter_preview import letter_preview
from putright.staff.moves import (
    MOVES,
    MOVES_BY_SLUG,
    PANEL_ORDER,
    RECORDS,
    MoveContext,
    MoveSpec,
    RecordSpec,
    is_final_stage,
)

# Moves that issue a letter (putright.letters.workflows): their form offers a preview.
LETTER_MOVES = frozenset(
    {
        "acknowledge",
        "extend",
        "respond",
        "acknowledge_escalation",
        "refuse_escalation",
        "record_findings",
        "hold",
        "withdraw",
        "exclude",
    }
)

DEADLINE_TAGS = {
    DeadlineState.MET: ("Met", "green"),
    DeadlineState.MISSED: ("Missed", "red"),
    DeadlineState.AT_RISK: ("Due soon", "orange"),
    DeadlineState.PENDING: ("Pending", "blue"),
    DeadlineState.ON_HOLD: ("On hold", "grey"),
}


class _Loaded:
    """A case the member may see, with what the page and the panel need."""

    def __init__(self, member: StaffMember, case: Case) -> None:
        self.case = case
        self.stages = queries.case_stages(case=case)
        named = case.restricted and case_is_named_for(member, case)
        officer_ids = {s.officer_id for s in self.stages.values() if s.officer_id is not None}
        self.visible = may_see_case(member, case, officers_on_case=officer_ids, named=named)
        current = self.stages.get(case.stage)
        self.may_act = may_act_on_case(
            member,
            case,
            current_officer_id=current.officer_id if current is not None else None,
            visible=self.visible,
        )


def _load(member: StaffMember, reference: str) -> _Loaded | None:
    case = queries.case_for_staff(reference=reference)
    if case is None:
        return None
    loaded = _Loaded(member, case)
    return loaded if loaded.visible else None


def _moves_offered(loaded: _Loaded, allowed: frozenset[Move]) -> list[tuple[Move, MoveSpec]]:
    """Exactly the moves the policy core allows now, for a member who may act."""
    if not loaded.may_act:
        return []
    return [(move, MOVES[move]) for move in PANEL_ORDER if move in allowed]


def _deadline_rows(deadlines: dict[str, Deadline]) -> list[dict[str, Any]]:
    rows = []
    for deadline in deadlines.values():
        text, colour = DEADLINE_TAGS.get(deadline.state, (deadline.state.value, "grey"))
        rows.append(
            {
                "label": queries.deadline_label(deadline.name),
                "due": deadline.due,
                "state": text,
                "colour": colour,
            }
        )
    return rows


@staff_view(Capability.SEE_CASES)
def case_detail(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    loaded = _load(member, reference)
    if loaded is None:
        return not_found(request, member)
    case = loaded.case
    today = clock.today()
    record = queries.case_record(case=case, stages=loaded.stages)
    # The deadlines and the allowed moves from one read of the case.
    overview = selectors.case_overview(case=case, today=today)
    ombudsman = policy_config().ombudsmen.get(case.ombudsman)
    base = f"/staff/cases/{case.reference}"
    parts = page_parts(
        PageInput(
            case=case,
            record=record,
            member=member,
            may_act=loaded.may_act,
            today=today,
            base=base,
        )
    )
    return staff_render(
        request,
        member,
        "staff/cases/detail.html",
        {
            "case": case,
            "record": record,
            "status_label": queries.status_label(case.status),
            "next_deadline": queries.deadline_label(case.next_deadline_name),
            "due": queries.due_state(
                case.next_deadline_on,
                today=today,
                due_soon_by=working_calendar().add_working_days(today, 2),
            ),
            "deadlines": _deadline_rows(overview.deadlines),
            "moves": [
                {"label": spec.label, "href": f"{base}/{spec.slug}/", "move": move.value}
                for move, spec in _moves_offered(loaded, overview.moves)
            ],
            "may_act": loaded.may_act,
            "ombudsman": ombudsman,
            "base": base,
            **parts,
        },
    )


def _form_kwargs(spec: MoveSpec, ctx: MoveContext) -> dict[str, Any]:
    if spec.form is RespondForm:
        definition = ctx.record.definition
        return {"issues": [i.text for i in definition.issues.all()] if definition else []}
    return {}


def _claim_version(case: Case, form: forms.Form) -> None:
    """Act on the version of the case the page showed: if it changed since, the service's
    optimistic lock refuses with CaseConflict. A missing or 0 version (versions start at 1)
    is a page we cannot vouch for, so it is refused the same way rather than skipped."""
    if isinstance(form, VersionedForm):
        case.version = form.cleaned_data.get("version") or 0


@staff_view(Capability.SEE_CASES)
def case_move(request: HttpRequest, member: StaffMember, reference: str, slug: str) -> HttpResponse:
    loaded = _load(member, reference)
    move = MOVES_BY_SLUG.get(slug)
    if loaded is None or move is None:
        return not_found(request, member)
    case = loaded.case
    if not loaded.may_act:
        return refused(request, member, f"You can see case {case.reference} but not act on it.")
    spec = MOVES[move]
    if move not in selectors.case_moves_allowed(case=case):
        return refused(
            request,
            member,
            f"{spec.label} is not possible on case {case.reference} now. "
            "The case page shows what can be done.",
        )
    ctx = MoveContext(
        case=case,
        record=queries.case_record(case=case, stages=loaded.stages),
        member=member,
        today=clock.today(),
    )
    kwargs = _form_kwargs(spec, ctx)
    preview = None
    if request.method == "POST":
        form = spec.form(request.POST, **kwargs)
        if form.is_valid():
            _claim_version(case, form)
            if "preview" in request.POST:  # case work: show the letter, change nothing
                version = case.version
                previews: list[Any] = []
                attempt(
                    form,
                    lambda: previews.append(letter_preview(lambda: spec.perform(ctx, form))),
                    spec.field_for,
                )
                case.refresh_from_db()
                case.version = version
                preview = previews[0] if previews else None
            elif attempt(form, lambda: spec.perform(ctx, form), spec.field_for):
                messages.success(request, f"{spec.label}: done.")
                return HttpResponseRedirect(f"/staff/cases/{case.reference}/")
    else:
        initial = {"version": case.version, **(spec.initial(ctx) if spec.initial else {})}
        form = spec.form(initial=initial, **kwargs)
    return staff_render(
        request,
        member,
        "staff/cases/move.html",
        {
            "case": case,
            "spec": spec,
            "form": form,
            "move": move.value,
            "final_stage": is_final_stage(case),
            "preview": preview,
            "sends_letter": move.value in LETTER_MOVES,
        },
        status=(200 if preview is not None else 400) if form.is_bound else 200,
    )


@staff_view(Capability.SEE_CASES)
def case_record_add(
    request: HttpRequest,
    member: StaffMember,
    reference: str,
    slug: str,
    item_id: int | None = None,
) -> HttpResponse:
    """Offer or update a remedy, add or update an outstanding action."""
    loaded = _load(member, reference)
    spec: RecordSpec | None = RECORDS.get(slug)
    if loaded is None or spec is None:
        return not_found(request, member)
    case = loaded.case
    if not loaded.may_act:
        return refused(request, member, f"You can see case {case.reference} but not act on it.")
    item: Remedy | OutstandingAction | None = None
    if spec.item == "remedy" and item_id is not None:
        item = Remedy.objects.filter(case=case, pk=item_id).first()
    elif spec.item == "action" and item_id is not None:
        item = OutstandingAction.objects.filter(case=case, pk=item_id).first()
    if spec.item and item is None:
        return not_found(request, member)
    ctx = MoveContext(
        case=case,
        record=queries.case_record(case=case, stages=loaded.stages),
        member=member,
        today=clock.today(),
    )
    if request.method == "POST":
        form = spec.form(request.POST)
        if form.is_valid():
            _claim_version(case, form)
            if attempt(form, lambda: spec.perform(ctx, form, item), lambda _rule: None):
                messages.success(request, f"{spec.label}: done.")
                return HttpResponseRedirect(f"/staff/cases/{case.reference}/")
    else:
        form = spec.form(initial={"version": case.version})
    return staff_render(
        request,
        member,
        "staff/cases/record_form.html",
        {"case": case, "spec": spec, "form": form, "item": item},
        status=400 if form.is_bound else 200,
    )
