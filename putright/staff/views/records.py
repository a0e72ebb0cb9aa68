"""Back-office pages for Ombudsman cases, learning, restrictions, adjustments, children's
safeguards, closure days.

Each page is one form and one service call. Pages about a case are open to whoever may act
on the case (putright.accounts.permissions); the others to the complaints team.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path

from putright.accounts.permissions import Capability, StaffMember
from putright.accounts.restricted import named_on, restricted_case_name, staff_who_may_be_named
from putright.cases import services
from putright.cases.models import (
    Case,
    ChildrensRepresentation,
    FrozenDecision,
    OmbudsmanCase,
    OmbudsmanEvidence,
    OmbudsmanOrder,
    PanelReview,
    ReasonableAdjustment,
    Restriction,
    ServiceImprovement,
    StageRecord,
)
from putright.cases.models.learning import THEMES
from putright.cases.services import OmbudsmanOrderInput
from putright.cases.services.calendar import closure_days_listed, shipped_non_working_days
from putright.core import clock
from putright.letters import workflows
from putright.staff import learning, queries
from putright.staff import records_forms as rf
from putright.staff import subject_access as sar
from putright.staff.access import not_found, refused, staff_render, staff_view
from putright.staff.errors import attempt
from putright.staff.views.cases import _load
from putright.web import converters  # noqa: F401 - registers <id:...>

CALENDAR = "/staff/calendar/"


# ---------------------------------------------------------------------------------------
# Closure days


def _moved(result: services.Recomputed) -> str:
    if not result.cases:
        return "No open deadline moved."
    return f"Deadlines moved on {result.cases} open case(s); each case's timeline says which."


# The complaints team keeps the calendar: it is the role that acts on any case, and a closure
# day moves deadlines on every service's cases.
@staff_view(Capability.ACT_ON_ANY_CASE)
def calendar(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """Closure days and bank holidays: the default list, and the days added here."""
    form = rf.ClosureDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome: list[services.Recomputed] = []

        def add() -> None:
            outcome.append(
                services.closure_day_add(
                    day=data["day"],
                    name=data["name"],
                    kind=data["kind"],
                    actor=member.actor,
                    user_id=member.user_id,
                )
            )

        if attempt(form, add, lambda _rule: None):
            messages.success(request, f"{data['name']} added. {_moved(outcome[0])}")
            return HttpResponseRedirect(CALENDAR)
    year = clock.today().year
    return staff_render(
        request,
        member,
        "staff/records/calendar.html",
        {
            "form": form,
            "added": closure_days_listed(),
            "shipped": [(y, shipped_non_working_days(year=y)) for y in (year, year + 1)],
        },
        status=400 if form.is_bound else 200,
    )


@staff_view(Capability.ACT_ON_ANY_CASE)
def calendar_remove(request: HttpRequest, member: StaffMember, day_id: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseRedirect(CALENDAR)
    try:
        result = services.closure_day_remove(
            day_id=day_id, actor=member.actor, user_id=member.user_id
        )
    except services.InvalidInput as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Day removed. {_moved(result)}")
    return HttpResponseRedirect(CALENDAR)


# ---------------------------------------------------------------------------------------
# Pages about one case: a form and one service call


@dataclass(frozen=True, slots=True)
class CasePage:
    """One record page of a case: its title, button, form, and the service call it makes.

    `item` finds the row the page is about (an Ombudsman case, an order) on this case, or
    None (404). `perform(member, case, item, form)` makes the one service call.
    """

    title: str
    button: str
    form: Callable[..., forms.Form]
    perform: Callable[[StaffMember, Case, Any, Any], Any]
    item: Callable[[Case, int], Any] | None = None
    done: str = "Saved."
    form_kwargs: Callable[[Case, Any], dict[str, Any]] | None = None
    initial: Callable[[Case, Any], dict[str, Any]] | None = None


def _case_page(
    request: HttpRequest, member: StaffMember, reference: str, page: CasePage, item_id: int = 0
) -> HttpResponse:
    loaded = _load(member, reference)
    if loaded is None:
        return not_found(request, member)
    case = loaded.case
    if not loaded.may_act:
        return refused(request, member, f"You can see case {case.reference} but not act on it.")
    item = page.item(case, item_id) if page.item is not None else None
    if page.item is not None and item is None:
        return not_found(request, member)
    kwargs = page.form_kwargs(case, item) if page.form_kwargs else {}
    if request.method == "POST":
        form = page.form(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            if form.cleaned_data.get("version"):
                case.version = form.cleaned_data["version"]
            if attempt(form, lambda: page.perform(member, case, item, form), lambda _r: None):
                messages.success(request, page.done)
                return HttpResponseRedirect(f"/staff/cases/{case.reference}/#records")
    else:
        initial = {"version": case.version, **(page.initial(case, item) if page.initial else {})}
        form = page.form(initial=initial, **kwargs)
    return staff_render(
        request,
        member,
        "staff/records/form.html",
        {"case": case, "form": form, "title": page.title, "button": page.button},
        status=400 if form.is_bound else 200,
    )


def _ombudsman_case(case: Case, pk: int) -> OmbudsmanCase | None:
    return OmbudsmanCase.objects.filter(case=case, pk=pk).first()


def _order(case: Case, pk: int) -> OmbudsmanOrder | None:
    return OmbudsmanOrder.objects.filter(ombudsman_case__case=case, pk=pk).first()


def _open(member: StaffMember, case: Case, _item: None, form: Any) -> Any:
    d = form.cleaned_data
    return services.ombudsman_case_open(
        case=case,
        actor=member.actor,
        ombudsman=d["ombudsman"],
        their_reference=d["their_reference"],
        enquiry_received_on=d["enquiry_received_on"],
        response_due_on=d["response_due_on"],
        enquiry=d["enquiry"],
    )


def _information(member: StaffMember, case: Case, item: OmbudsmanCase, form: Any) -> Any:
    d = form.cleaned_data
    return services.ombudsman_information_sent(
        case=case, actor=member.actor, ombudsman_case=item, sent_on=d["sent_on"], what=d["what"]
    )


def _determination(member: StaffMember, case: Case, item: OmbudsmanCase, form: Any) -> Any:
    d = form.cleaned_data
    return services.ombudsman_determination_record(
        case=case,
        actor=member.actor,
        ombudsman_case=item,
        determined_on=d["determined_on"],
        determination=d["determination"],
        findings=form.findings(),
        orders=[],
    )


def _order_add(member: StaffMember, case: Case, item: OmbudsmanCase, form: Any) -> Any:
    d = form.cleaned_data
    return services.ombudsman_order_add(
        case=case,
        actor=member.actor,
        ombudsman_case=item,
        item=OmbudsmanOrderInput(text=d["text"], due_on=d["due_on"], kind=d["kind"]),
    )


def _comply(member: StaffMember, case: Case, item: OmbudsmanOrder, form: Any) -> Any:
    d = form.cleaned_data
    return services.ombudsman_order_comply(
        case=case,
        actor=member.actor,
        order=item,
        evidence=d["evidence"],
        uploads=(d["file"],),
        on=d["complied_on"],
    )


def _issues(case: Case, _item: Any) -> dict[str, Any]:
    from putright.cases.models import ComplaintIssue

    texts = ComplaintIssue.objects.filter(definition__case=case).order_by(
        "definition__stage", "number"
    )
    return {"issues": list(dict.fromkeys(i.text for i in texts))}


OMBUDSMAN_PAGES: dict[str, CasePage] = {
    "open": CasePage(
        "Open an Ombudsman case",
        "Open the Ombudsman case",
        rf.OmbudsmanOpenForm,
        _open,
        done="Ombudsman case opened.",
        initial=lambda case, _i: {"ombudsman": case.ombudsman},
    ),
    "information": CasePage(
        "Record information sent to the Ombudsman",
        "Record it",
        rf.OmbudsmanInformationForm,
        _information,
        item=_ombudsman_case,
        done="Information sent recorded.",
        initial=lambda _c, _i: {"sent_on": clock.today()},
    ),
    "determination": CasePage(
        "Record the Ombudsman's determination",
        "Record the determination",
        rf.OmbudsmanDeterminationForm,
        _determination,
        item=_ombudsman_case,
        done="Determination recorded. Add each order or recommendation with its due date.",
        form_kwargs=_issues,
    ),
    "order": CasePage(
        "Add an Ombudsman order or recommendation",
        "Add it",
        rf.OmbudsmanOrderForm,
        _order_add,
        item=_ombudsman_case,
        done="Order added: it is reminded before it is due and when overdue.",
    ),
    "comply": CasePage(
        "Record compliance with an Ombudsman order",
        "Record compliance",
        rf.OmbudsmanComplyForm,
        _comply,
        item=_order,
        done="Compliance recorded.",
        initial=lambda _c, _i: {"complied_on": clock.today()},
    ),
}


def _flags(member: StaffMember, case: Case, _item: None, form: Any) -> Any:
    d = form.cleaned_data
    return services.case_flags_set(
        case=case,
        actor=member.actor,
        vulnerable=d["vulnerable"],
        vulnerability_reason=d["vulnerability_reason"],
        complexity=d["complexity"],
    )


FLAGS_PAGE = CasePage(
    "Set the triage flags",
    "Save the flags",
    rf.TriageFlagsForm,
    _flags,
    done="Triage flags saved.",
    initial=lambda case, _i: {
        "vulnerable": "yes" if case.vulnerable else ("no" if case.complexity else None),
        "vulnerability_reason": case.vulnerability_reason,
        "complexity": case.complexity or None,
    },
)


@staff_view(Capability.SEE_CASES)
def triage_flags(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    """Vulnerability (with the reason) and complexity, set at triage or later."""
    return _case_page(request, member, reference, FLAGS_PAGE)


# ---------------------------------------------------------------------------------------
# Learning: service improvements linked to the cases that caused them


def _improvement(member: StaffMember, case: Case, _item: None, form: Any) -> Any:
    d = form.cleaned_data
    others = []
    for reference in form.references():
        other = queries.visible_case(member=member, reference=reference)
        if other is None:
            raise services.InvalidInput(f"There is no case {reference} that you can see.")
        if other.pk != case.pk:
            others.append(other)
    return services.improvement_record(
        cases=[case, *others],
        actor=member.actor,
        service=case.service,
        theme=d["theme"],
        description=d["description"],
        owner=d["owner"],
        due_on=d["due_on"],
    )


IMPROVEMENT_PAGE = CasePage(
    "Record a service improvement",
    "Record the improvement",
    rf.ImprovementForm,
    _improvement,
    done="Service improvement recorded on every linked case and in the learning log.",
)


@staff_view(Capability.SEE_CASES)
def improvement_add(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    return _case_page(request, member, reference, IMPROVEMENT_PAGE)


@staff_view(Capability.SEE_CASES)
def learning_log(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """Every service improvement by service and theme, with the cases the member may see."""
    service = request.GET.get("service", "")
    theme = request.GET.get("theme", "")
    log = learning.improvements_listed(
        member=member,
        service_id=int(service) if service.isdigit() else None,
        theme=theme if theme in dict(THEMES) else "",
        today=clock.today(),
    )
    return staff_render(
        request,
        member,
        "staff/records/learning.html",
        {
            "log": log,
            "services": queries.services_all(),
            "themes": THEMES,
            "service": service,
            "theme": theme,
            "may_complete_any": member.can(Capability.ACT_ON_ANY_CASE),
        },
    )


@staff_view(Capability.SEE_CASES)
def improvement_complete(request: HttpRequest, member: StaffMember, pk: int) -> HttpResponse:
    """The owner, or the complaints team, records that the improvement was made."""
    improvement = ServiceImprovement.objects.select_related("owner").filter(pk=pk).first()
    if improvement is None:
        return not_found(request, member)
    if not (member.can(Capability.ACT_ON_ANY_CASE) or member.officer_id == improvement.owner_id):
        return refused(request, member, "Only the owner or the complaints team can do this.")
    form = rf.ImprovementCompleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def complete() -> None:
            services.improvement_complete(
                improvement=improvement, actor=member.actor, note=form.cleaned_data["note"]
            )

        if attempt(form, complete, lambda _rule: None):
            messages.success(request, "Improvement recorded as complete.")
            return HttpResponseRedirect("/staff/learning/")
    return staff_render(
        request,
        member,
        "staff/records/improvement_complete.html",
        {"improvement": improvement, "form": form},
        status=400 if form.is_bound else 200,
    )


# ---------------------------------------------------------------------------------------
# Restrictions on contact: on the person, so they follow them to every case


def _restriction(case: Case, pk: int) -> Restriction | None:
    return Restriction.objects.filter(person_id=case.person_id, pk=pk, ended_on=None).first()


def _impose(member: StaffMember, case: Case, _item: None, form: Any) -> Any:
    d = form.cleaned_data
    return workflows.restriction_impose_and_issue(
        case=case,
        actor=member.actor,
        restriction=d["restriction"],
        reason=d["reason"],
        scope=d["scope"],
        starts_on=d["starts_on"],
        review_on=d["review_on"],
    )


def _review(member: StaffMember, case: Case, item: Restriction, form: Any) -> Any:
    d = form.cleaned_data
    return services.restriction_review(
        case=case,
        actor=member.actor,
        restriction=item,
        next_review_on=d["next_review_on"],
        note=d["note"],
    )


def _end(member: StaffMember, case: Case, item: Restriction, form: Any) -> Any:
    return services.restriction_end(
        case=case, actor=member.actor, restriction=item, note=form.cleaned_data["note"]
    )


RESTRICTION_PAGES: dict[str, CasePage] = {
    "add": CasePage(
        "Restrict contact",
        "Restrict contact and send the letter",
        rf.RestrictionForm,
        _impose,
        done="Restriction recorded and the letter issued: it applies to all of the person's cases.",
        initial=lambda _c, _i: {"starts_on": clock.today()},
    ),
    "review": CasePage(
        "Review a restriction",
        "Keep it, with the next review date",
        rf.RestrictionReviewForm,
        _review,
        item=_restriction,
        done="Review recorded.",
    ),
    "end": CasePage(
        "End a restriction",
        "End the restriction",
        rf.RestrictionEndForm,
        _end,
        item=_restriction,
        done="Restriction ended.",
    ),
}


@staff_view(Capability.SEE_CASES)
def restriction_page(
    request: HttpRequest, member: StaffMember, reference: str, action: str, item_id: int = 0
) -> HttpResponse:
    page = RESTRICTION_PAGES.get(action)
    if page is None or (page.item is None) != (item_id == 0):
        return not_found(request, member)
    return _case_page(request, member, reference, page, item_id)


# ---------------------------------------------------------------------------------------
# Reasonable adjustments: on the person, so they follow them to every case. How each is
# honoured (large print, transcription, booking support) is putright.letters.adjustments.


def _adjustment(case: Case, pk: int) -> ReasonableAdjustment | None:
    return ReasonableAdjustment.objects.filter(
        person_id=case.person_id, pk=pk, ended_on=None
    ).first()


def _adjustment_add(member: StaffMember, case: Case, _item: None, form: Any) -> Any:
    d = form.cleaned_data
    return services.adjustment_add(
        case=case, actor=member.actor, kind=d["kind"], detail=d["detail"], review_on=d["review_on"]
    )


def _adjustment_review(
    member: StaffMember, case: Case, item: ReasonableAdjustment, form: Any
) -> Any:
    d = form.cleaned_data
    return services.adjustment_review(
        case=case,
        actor=member.actor,
        adjustment=item,
        next_review_on=d["next_review_on"],
        note=d["note"],
    )


def _adjustment_end(member: StaffMember, case: Case, item: ReasonableAdjustment, form: Any) -> Any:
    return services.adjustment_end(
        case=case, actor=member.actor, adjustment=item, note=form.cleaned_data["note"]
    )


ADJUSTMENT_PAGES: dict[str, CasePage] = {
    "add": CasePage(
        "Record a reasonable adjustment",
        "Record the adjustment",
        rf.AdjustmentForm,
        _adjustment_add,
        done="Adjustment recorded: it applies to all of the person's cases.",
    ),
    "review": CasePage(
        "Review a reasonable adjustment",
        "Keep it, with the next review date",
        rf.AdjustmentReviewForm,
        _adjustment_review,
        item=_adjustment,
        done="Review recorded.",
    ),
    "end": CasePage(
        "End a reasonable adjustment",
        "End the adjustment",
        rf.AdjustmentEndForm,
        _adjustment_end,
        item=_adjustment,
        done="Adjustment ended.",
    ),
}


@staff_view(Capability.SEE_CASES)
def adjustment_page(
    request: HttpRequest, member: StaffMember, reference: str, action: str, item_id: int = 0
) -> HttpResponse:
    page = ADJUSTMENT_PAGES.get(action)
    if page is None or (page.item is None) != (item_id == 0):
        return not_found(request, member)
    return _case_page(request, member, reference, page, item_id)


# ---------------------------------------------------------------------------------------
# Restricted cases: the complaints team names who may work on one


def _people(exclude: set[int]) -> list[tuple[int, str]]:
    return [
        (p.user_id, f"{_person_name(p)} ({p.get_role_display()})")
        for p in staff_who_may_be_named()
        if p.user_id not in exclude
    ]


def _person_name(profile: Any) -> str:
    officer = getattr(profile.user, "officer", None)
    if officer is not None:
        return str(officer.name)
    return str(profile.user.get_full_name() or profile.user.get_username())


@staff_view(Capability.ACT_ON_ANY_CASE)
def restricted_case(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    """A restricted case's reference and dates, who is named on it, and naming someone.
    Never its content: that is for the people named."""
    case = Case.objects.filter(reference=reference, restricted=True).first()
    if case is None:
        return not_found(request, member)
    named = named_on(case=case)
    form = rf.RestrictedNameForm(request.POST or None, people=_people({a.user_id for a in named}))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data

        def name() -> None:
            restricted_case_name(
                case=case,
                user_id=d["user"],
                actor=member.actor,
                granted_by_id=member.user_id,
                reason=d["reason"],
            )

        if attempt(form, name, lambda _rule: None):
            messages.success(request, "Named: they can now open the case.")
            return HttpResponseRedirect(f"/staff/restricted/{case.reference}/")
    return staff_render(
        request,
        member,
        "staff/records/restricted.html",
        {"case": case, "named": named, "form": form},
        status=400 if form.is_bound else 200,
    )


@staff_view(Capability.SEE_CASES)
def ombudsman_page(
    request: HttpRequest, member: StaffMember, reference: str, action: str, item_id: int = 0
) -> HttpResponse:
    page = OMBUDSMAN_PAGES.get(action)
    if page is None or (page.item is None) != (item_id == 0):
        return not_found(request, member)
    return _case_page(request, member, reference, page, item_id)


@staff_view(Capability.SEE_CASES)
def ombudsman_evidence(
    request: HttpRequest, member: StaffMember, reference: str, file_id: int
) -> HttpResponse:
    """A file of evidence, to whoever may see the case, never from a public address."""
    loaded = _load(member, reference)
    row = (
        OmbudsmanEvidence.objects.filter(order__ombudsman_case__case=loaded.case, pk=file_id)
        .select_related("order")
        .first()
        if loaded is not None
        else None
    )
    if row is None:
        return not_found(request, member)
    response: HttpResponse = FileResponse(  # type: ignore[assignment]
        row.file.open("rb"),
        as_attachment=True,
        filename=row.original_name,
        content_type=row.content_type,
    )
    # Streamed: a FileResponse is not an HttpResponse, but the gate passes any response on.
    return response


# ---------------------------------------------------------------------------------------
# Children's social care (001 Appendix B, 004): the review panel and frozen decisions.
# Each page exists only on a children's case: `item` finds nothing (404) on any other.

CHILDRENS = "childrens_social_care"


def _childrens_case(case: Case, _pk: int) -> Case | None:
    return case if case.process == CHILDRENS else None


def _open_panel(case: Case, _pk: int) -> PanelReview | None:
    if case.process != CHILDRENS or case.stage != 3:
        return None
    return PanelReview.objects.filter(case=case, panel_held_on=None).first()


def _frozen(case: Case, pk: int) -> FrozenDecision | None:
    if case.process != CHILDRENS:
        return None
    return FrozenDecision.objects.filter(case=case, pk=pk, unfrozen_on=None).first()


def _panel_by(case: Case, _item: Any) -> dict[str, Any]:
    target = services.panel_target(case=case, today=clock.today())
    return {"panel_by": f"{target:%-d %B %Y}" if target else ""}


def _panel_initial(_case: Case, panel: PanelReview) -> dict[str, Any]:
    return {
        "chair": panel.chair_id,
        "person_one": panel.independent_person_one_id,
        "person_two": panel.independent_person_two_id,
        "panel_on": panel.panel_date,
    }


def _arrange(member: StaffMember, case: Case, _panel: PanelReview, form: Any) -> Any:
    d = form.cleaned_data
    return workflows.panel_arrange_and_issue(
        case=case,
        actor=member.actor,
        chair=d["chair"],
        persons=(d["person_one"], d["person_two"]),
        panel_on=d["panel_on"],
    )


def _freeze(member: StaffMember, case: Case, _item: Case, form: Any) -> Any:
    d = form.cleaned_data
    return services.frozen_decision_add(
        case=case, actor=member.actor, decision=d["decision"], until=d["until"]
    )


def _lift(member: StaffMember, case: Case, item: FrozenDecision, form: Any) -> Any:
    return services.frozen_decision_lift(
        case=case, actor=member.actor, frozen=item, on=form.cleaned_data["lifted_on"]
    )


def _bool_word(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _representation_initial(case: Case, _item: Case) -> dict[str, Any]:
    row = ChildrensRepresentation.objects.filter(case=case).first()
    if row is None:
        return {}
    return {
        "sufficient_interest": _bool_word(row.sufficient_interest),
        "reasons": row.sufficient_interest_reasons,
        "childs_views_sought": _bool_word(row.childs_views_sought),
        "childs_views": row.childs_views,
        "advocate_offered_on": row.advocate_offered_on,
        "advocate_taken_up": _bool_word(row.advocate_taken_up),
    }


def _represent(member: StaffMember, case: Case, _item: Case, form: Any) -> Any:
    d = form.cleaned_data
    return services.childrens_representation_record(
        case=case,
        actor=member.actor,
        sufficient_interest=rf.yes_no(d["sufficient_interest"]),
        reasons=d["reasons"],
        childs_views=d["childs_views"],
        childs_views_sought=rf.yes_no(d["childs_views_sought"]),
        advocate_offered_on=d["advocate_offered_on"],
        advocate_taken_up=rf.yes_no(d["advocate_taken_up"]),
    )


def _investigated(case: Case, _pk: int) -> StageRecord | None:
    if case.process != CHILDRENS:
        return None
    return StageRecord.objects.filter(case=case, number=2, officer__isnull=False).first()


def _independent_person(member: StaffMember, case: Case, _item: StageRecord, form: Any) -> Any:
    return services.stage2_independent_person_record(
        case=case, actor=member.actor, officer=form.cleaned_data["officer"]
    )


CHILDRENS_PAGES: dict[str, CasePage] = {
    "representation": CasePage(
        "Someone acting for a child",
        "Save",
        rf.RepresentationForm,
        _represent,
        item=_childrens_case,
        done="Saved: sufficient interest, the child's views and the advocate offer.",
        initial=_representation_initial,
    ),
    "independent-person": CasePage(
        "Record the stage 2 independent person",
        "Record the independent person",
        rf.IndependentPersonForm,
        _independent_person,
        item=_investigated,
        done="Stage 2 independent person recorded.",
        initial=lambda _c, record: {"officer": record.independent_person_id},
    ),
    "panel": CasePage(
        "Arrange the review panel",
        "Arrange the panel and send the invitations",
        rf.PanelArrangeForm,
        _arrange,
        item=_open_panel,
        done="Review panel arranged and the invitations sent by letter.",
        form_kwargs=_panel_by,
        initial=_panel_initial,
    ),
    "frozen": CasePage(
        "Record a frozen decision",
        "Record it",
        rf.FrozenDecisionForm,
        _freeze,
        item=_childrens_case,
        done="Frozen decision recorded.",
    ),
    "lift": CasePage(
        "Lift a frozen decision",
        "Lift the decision",
        rf.FrozenDecisionLiftForm,
        _lift,
        item=_frozen,
        done="Frozen decision lifted.",
        initial=lambda _c, _i: {"lifted_on": clock.today()},
    ),
}
CHILDRENS_ITEM_PAGES = frozenset({"lift"})


@staff_view(Capability.SEE_CASES)
def childrens_page(
    request: HttpRequest, member: StaffMember, reference: str, action: str, item_id: int = 0
) -> HttpResponse:
    page = CHILDRENS_PAGES.get(action)
    if page is None or (action in CHILDRENS_ITEM_PAGES) != (item_id != 0):
        return not_found(request, member)
    return _case_page(request, member, reference, page, item_id)


CHILDRENS_URLS: list[URLPattern] = [
    path("cases/<str:reference>/childrens/<slug:action>/", childrens_page, name="childrens"),
    path(
        "cases/<str:reference>/childrens/<slug:action>/<id:item_id>/",
        childrens_page,
        name="childrens-item",
    ),
]


# Subject access (UK GDPR Art. 15): the person's whole record as one archive
#
# The complaints team only (Capability.SUBJECT_ACCESS), from a case it may see. The archive
# is streamed from a temporary file and never stored (putright.staff.subject_access).


@staff_view(Capability.SEE_CASES)
def subject_access(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    """What the archive holds, and a button that downloads it and records it."""
    loaded = _load(member, reference)
    if loaded is None:
        return not_found(request, member)
    case = loaded.case
    if not member.can(Capability.SUBJECT_ACCESS):
        return refused(request, member, "Only the complaints team exports a person's record.")
    error = ""
    if request.method == "POST":
        try:
            archive = sar.subject_access_export(member=member, person=case.person)
        except services.InvalidInput as problem:
            error = str(problem)
        else:
            response: HttpResponse = FileResponse(  # type: ignore[assignment]
                archive.stream,
                as_attachment=True,
                filename=archive.name,
                content_type="application/zip",
            )
            response["Cache-Control"] = "no-store"
            return response
    cases = sar.cases_listed(member=member, person_id=case.person_id)
    return staff_render(
        request,
        member,
        "staff/subject_access/page.html",
        {"case": case, "references": cases.references, "hidden": cases.hidden, "error": error},
        status=400 if error else 200,
    )


urlpatterns: list[URLPattern] = [
    path("cases/<str:reference>/flags/", triage_flags, name="triage-flags"),
    path("restricted/<str:reference>/", restricted_case, name="restricted-case"),
    path("learning/", learning_log, name="learning"),
    path("learning/<id:pk>/complete/", improvement_complete, name="learning-complete"),
    path("cases/<str:reference>/learning/", improvement_add, name="learning-add"),
    path("cases/<str:reference>/restrictions/<slug:action>/", restriction_page, name="restriction"),
    path(
        "cases/<str:reference>/restrictions/<slug:action>/<id:item_id>/",
        restriction_page,
        name="restriction-item",
    ),
    # Reasonable adjustments
    path("cases/<str:reference>/adjustments/<slug:action>/", adjustment_page, name="adjustment"),
    path(
        "cases/<str:reference>/adjustments/<slug:action>/<id:item_id>/",
        adjustment_page,
        name="adjustment-item",
    ),
    path("calendar/", calendar, name="calendar"),
    path("calendar/<id:day_id>/remove/", calendar_remove, name="calendar-remove"),
    path(
        "cases/<str:reference>/ombudsman/evidence/<id:file_id>/",
        ombudsman_evidence,
        name="ombudsman-evidence",
    ),
    path("cases/<str:reference>/ombudsman/<slug:action>/", ombudsman_page, name="ombudsman"),
    path(
        "cases/<str:reference>/ombudsman/<slug:action>/<id:item_id>/",
        ombudsman_page,
        name="ombudsman-item",
    ),
    # Subject access
    path("cases/<str:reference>/subject-access/", subject_access, name="subject-access"),
]
urlpatterns += CHILDRENS_URLS
