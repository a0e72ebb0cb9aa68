"""Writes of the letters app: saving a template version, issuing a letter on a case.

`letter_issue` renders the letter, keeps it on the case (an immutable IssuedLetter and an
outgoing Correspondence with its timeline event) and queues the email with the PDF attached,
all in the caller's transaction: if the change the letter reports is rolled back, so is the
letter, and nothing is sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from putright.cases.models import Case, ReasonableAdjustment, StageRecord
from putright.cases.services import Actor
from putright.cases.services.correspondence import correspondence_record
from putright.cases.services.retention import ANONYMISED, AnonymisedCase
from putright.core import clock
from putright.core.policy import policy_config
from putright.letters.addressing import Addressee, addressees
from putright.letters.adjustments import kinds_with, transcription_formats
from putright.letters.context import (
    LetterNotApplicable,
    letter_context,
    sample_contexts,
    variables_for,
)
from putright.letters.kinds import KIND_RULES, LetterKind
from putright.letters.models import IssuedLetter, LetterTemplate
from putright.letters.render import (
    ComposedLetter,
    LetterIncomplete,
    letter_compose,
    pdf_render,
)
from putright.letters.sandbox import LetterError, TemplateRejected, static_problems
from putright.letters.selectors import letter_template_current
from putright.notifications.services import email_enqueue
from putright.policy.lifecycle import (
    CaseFacts,
    CaseStatus,
    Decision,
    IssueDecision,
    ResponseContent,
    ResponseIncomplete,
    response_gaps,
)


class UnknownLetterKind(LetterError):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(
            f"There is no letter kind '{kind}'. Choose one of: "
            + ", ".join(LetterKind.values)
            + "."
        )


def _letter_kind_parse(kind: str) -> LetterKind:
    """The LetterKind named `kind`; raises UnknownLetterKind."""
    try:
        return LetterKind(kind)
    except ValueError:
        raise UnknownLetterKind(kind) from None


# ---------------------------------------------------------------------------------------
# Templates


def template_check(*, kind: str, subject: str, body: str) -> None:
    """Refuse a template that breaks the sandbox or leaves out what its kind must say.

    It is read (no calls, no internals, known variables and filters only), then rendered
    against sample values (docs/letters.md) in standard and large print, and for responses
    with and without remedies and outstanding actions. Raises TemplateRejected listing
    every problem.
    """
    letter_kind = _letter_kind_parse(kind)
    variables = variables_for(letter_kind)
    problems = [f"Subject: {p}" for p in static_problems(subject, variables=variables)]
    problems += [f"Body: {p}" for p in static_problems(body, variables=variables)]
    if problems:
        raise TemplateRejected(problems)
    for sample in sample_contexts(letter_kind):
        try:
            letter_compose(
                kind=letter_kind,
                subject=subject,
                body=body,
                context=sample,
                large_print=bool(sample["large_print"]),
            )
        except LetterIncomplete as error:
            raise TemplateRejected(
                [
                    "A letter of this kind must say every one of these, and the template "
                    "leaves out: " + "; ".join(error.missing) + "."
                ]
            ) from error


@transaction.atomic
def letter_template_save(
    *, kind: str, subject: str, body: str, created_by: str, note: str = ""
) -> LetterTemplate:
    """Save an edited template as the next version of its kind; older versions stay.

    Raises TemplateRejected (nothing is saved) and IntegrityError if two people save the
    same kind at the same moment (the second may simply save again).
    """
    template_check(kind=kind, subject=subject, body=body)
    latest = LetterTemplate.objects.filter(kind=kind).order_by("-version").first()
    return LetterTemplate.objects.create(
        kind=kind,
        version=(latest.version if latest else 0) + 1,
        subject=subject,
        body=body,
        note=note.strip()[:300],
        created_by=created_by,
    )


# ---------------------------------------------------------------------------------------
# Issuing


def _adjustment_kinds_in_force(*, case: Case, on: date) -> set[str]:
    """The kinds of reasonable adjustment in force for the person of `case` on `on`."""
    return set(
        ReasonableAdjustment.objects.filter(person_id=case.person_id)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .values_list("kind", flat=True)
    )


def _large_print_wanted(kinds: set[str]) -> bool:
    """Whether an adjustment in force has large print as its handling rule."""
    return bool(kinds & set(kinds_with("large_print")))


def _response_content(stored: Mapping[str, Any]) -> ResponseContent:
    decision = stored.get("decision") or None
    return ResponseContent(
        stage=stored.get("stage"),
        complaint_definition=stored.get("complaint_definition", ""),
        decision=Decision(decision) if decision else None,
        issues=tuple(
            IssueDecision(item["issue"], Decision(item["decision"]), item.get("reasons", ""))
            for item in stored.get("issues", [])
        ),
        reasons=stored.get("reasons", ""),
        remedies=tuple(stored.get("remedies", [])),
        no_remedy_reason=stored.get("no_remedy_reason", ""),
        outstanding_actions=tuple(stored.get("outstanding_actions", [])),
        no_outstanding_actions=bool(stored.get("no_outstanding_actions", False)),
        how_to_escalate=stored.get("how_to_escalate", ""),
        ombudsman=stored.get("ombudsman", ""),
    )


def _response_check(case: Case, kind: str) -> None:
    """Items (a)-(g) of the stored response, checked by the policy core's response_gaps.

    Raises ResponseIncomplete listing the items missing; LetterNotApplicable if the stage
    has not been responded to.
    """
    stage = KIND_RULES[kind].response_stage or case.stage
    record = StageRecord.objects.filter(case=case, number=stage).first()
    if record is None or record.responded_on is None or not record.response:
        raise LetterNotApplicable(
            f"The stage {stage} response on case {case.reference} has not been issued yet."
        )
    config = policy_config()
    version = config.version_by_key(case.policy_version)
    if not version.has_stage(stage):
        raise LetterNotApplicable(f"A {kind} letter does not fit a {version.title} case.")
    facts = CaseFacts(
        version=version,
        status=CaseStatus.RESPONDED,
        received_on=case.received_on,
        stage=stage,
        ombudsman=config.ombudsmen[case.ombudsman or version.ombudsman],
    )
    gaps = response_gaps(facts, _response_content(record.response))
    if gaps:
        raise ResponseIncomplete(gaps)


def _compose(
    template: LetterTemplate, kind: str, context: Mapping[str, Any], large_print: bool
) -> ComposedLetter:
    return letter_compose(
        kind=kind,
        subject=template.subject,
        body=template.body,
        context=context,
        large_print=large_print,
    )


@transaction.atomic
def letter_issue(
    *,
    case: Case,
    kind: str,
    actor: Actor,
    on: date | None = None,
    large_print: bool | None = None,
    extra: Mapping[str, str] | None = None,
) -> IssuedLetter:
    """Render a letter of `kind` about `case`, keep it on the case and queue the email.

    Large print is chosen automatically when the person has a large-print adjustment in
    force (`large_print` True/False overrides). A letter to the person whose adjustments
    ask for transcription (Braille, audio) is kept for the post, flagged, never emailed.
    Otherwise the email, with the PDF attached, goes to
    the person's address unless they prefer letters or have none: then the letter is kept
    for posting. Raises UnknownLetterKind, LetterNotApplicable (the case has nothing for
    this kind to say), ResponseIncomplete (a response without all of (a)-(g)),
    LetterIncomplete, TemplateRejected, LetterContactMissing, CaseConflict.
    """
    letter_kind = _letter_kind_parse(kind)
    day = on or clock.today()
    if KIND_RULES[letter_kind].response_stage:
        _response_check(case, letter_kind)
    context = letter_context(case=case, kind=letter_kind, on=day, extra=extra)
    template = letter_template_current(kind=letter_kind)
    kinds = _adjustment_kinds_in_force(case=case, on=day)  # one read for every rule
    wants_large = _large_print_wanted(kinds) if large_print is None else large_print
    to, copy = addressees(case)
    issue = partial(
        _issue_to,
        case=case,
        kind=letter_kind,
        actor=actor,
        template=template,
        context=context,
        large_print=wants_large,
        transcription=transcription_formats(kinds),
        now=clock.now(),
    )
    letter = issue(to=to, note=f"A copy of this letter goes to {copy.name}." if copy else "")
    if copy is not None:
        issue(
            to=copy,
            is_copy=True,
            note=(
                f"This is a copy of the letter we sent to {to.name} ({to.acts_as.lower()}), "
                "who acts for you."
            ),
        )
    return letter


def _issue_to(
    *,
    case: Case,
    kind: LetterKind,
    actor: Actor,
    template: LetterTemplate,
    context: Mapping[str, Any],
    large_print: bool,
    transcription: str,
    now: datetime,
    to: Addressee,
    note: str,
    is_copy: bool = False,
) -> IssuedLetter:
    """One letter to one addressee: rendered, kept on the case, emailed or kept for post.

    The person's adjustments (transcription) apply to the letters addressed to the person,
    the copy included, not to a representative's."""
    transcribe = transcription if to.is_person else ""
    by_email = to.by_email and not transcribe
    values = {**context, "recipient": to.context(), "copy_note": note}
    composed = _compose(template, kind, values, large_print)
    pdf = pdf_render(composed.document_html)
    text = f"{composed.text}\n\n{note}" if note else composed.text
    kind_label = str(kind.label) + (" (large print)" if large_print else "")
    if is_copy:
        kind_label = f"{kind_label}, copy to {to.name}"
    elif not to.is_person:
        kind_label = f"{kind_label} to {to.name}"
    correspondence = correspondence_record(
        case=case,
        actor=actor,
        direction="out",
        channel="email" if by_email else "letter",
        subject=f"{kind_label}: {composed.subject}",
        body=text,
        letter_kind=kind,
        at=now,
    )
    letter = IssuedLetter(
        case=case,
        kind=kind,
        stage=int(context["stage"]),
        template=template,
        template_version=template.version,
        subject=composed.subject,
        recipient_name=to.name,
        channel="email" if by_email else "post",
        to_address=to.email if by_email else "",
        context=values,
        body_text=text,
        body_html=composed.document_html,
        pdf=pdf,
        large_print=large_print,
        transcription=transcribe,
        correspondence=correspondence,
        issued_by=actor.label,
        created_at=now,
    )
    if by_email:
        message = email_enqueue(
            to=to.email,
            subject=composed.subject,
            body=text,
            kind=f"letter:{kind}",
            case_reference=case.reference,
            attachments=[(letter.filename, pdf, "application/pdf")],
            now=now,
        )
        letter.email_message_id = message.message_id
    letter.save()
    return letter


def letter_reprint(
    *, case: Case, kind: str, large_print: bool = False, on: date | None = None
) -> tuple[bytes, IssuedLetter | None]:
    """The PDF of a letter of `kind` on `case` again, for a reprint or a check.

    The latest issued letter of that kind is rendered again from the values and template
    version it was issued with, so it says exactly the same. If none was issued, the letter
    is rendered from the case as it stands with the current template. Stores nothing.
    Raises UnknownLetterKind, LetterNotApplicable and the errors of rendering.
    """
    letter_kind = _letter_kind_parse(kind)
    issued = (
        IssuedLetter.objects.filter(case=case, kind=letter_kind)
        .select_related("template")
        .order_by("-created_at", "-id")
        .first()
    )
    if issued is not None:
        composed = _compose(issued.template, letter_kind, issued.context, large_print)
        return pdf_render(composed.document_html), issued
    if KIND_RULES[letter_kind].response_stage:
        _response_check(case, letter_kind)
    context = letter_context(case=case, kind=letter_kind, on=on or clock.today())
    template = letter_template_current(kind=letter_kind)
    composed = _compose(template, letter_kind, context, large_print)
    return pdf_render(composed.document_html), None


_REDACTED = "[removed under retention]"


def _redact(letters: QuerySet[IssuedLetter]) -> int:
    # The plain base manager's queryset: IssuedLetter.objects refuses updates by design.
    return letters.update(
        subject=_REDACTED,
        recipient_name=ANONYMISED,
        to_address="",
        context={},
        body_text=_REDACTED,
        body_html="",
        pdf=b"",
    )


def letters_forget_anonymised(cases: Sequence[AnonymisedCase]) -> None:
    """The retention hook (registered in LettersConfig.ready): redact the issued letters of
    the cases just anonymised, in the same transaction."""
    _redact(IssuedLetter._base_manager.filter(case_id__in=[case.pk for case in cases]))
