"""Follow your case: a one-time link by email, then the case as its person sees it, and
the three things they can do there: ask for the next stage, withdraw, add information.

Sign-in never says whether a reference or an email address exists: a well-formed request
always gets the same redirect to the same page, and only a matching pair gets an email.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from putright.cases import selectors, services
from putright.cases.selectors import CaseForPerson
from putright.cases.services import (
    REPRESENTATIVE_ONLINE,
    RESIDENT_ONLINE,
    Actor,
    CaseConflict,
    InvalidInput,
    LinkAlreadyUsed,
)
from putright.core import clock
from putright.letters.sandbox import LetterError
from putright.letters.selectors import issued_letter_for_case, issued_letters_for_case
from putright.letters.workflows import withdraw_and_issue
from putright.policy.lifecycle import Move, RuleBroken
from putright.public import emails, once, ratelimit, signin, tasks, uploads, wording
from putright.public.forms import AddInformationForm, EscalateForm, SignInForm, WithdrawForm

CHECK_EMAIL_KEY = "putright_follow_email"
logger = logging.getLogger(__name__)


@require_http_methods(["GET", "POST"])
def follow_start(request: HttpRequest) -> HttpResponse:
    """Reference and email address in, a sign-in link out (if, and only if, they match)."""
    form = SignInForm(data=request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        reference, email = form.cleaned_data["reference"], form.cleaned_data["email"]
        # Counted whether or not the pair matches, so the limit reveals nothing either.
        if not ratelimit.allowed(
            ("link-ip", ratelimit.client_address(request)), ("link-email", email)
        ):
            form.add_error(
                None,
                _(
                    "You have asked for a lot of links in a short time. Wait an hour and "
                    "try again, or contact us by phone or email."
                ),
            )
            status = 429
        else:
            # The worker looks the pair up and writes the email: the same work here either
            # way, so the response time cannot tell a match (putright.public.tasks).
            tasks.sign_in_link_send.enqueue(
                reference=reference, email=email, site=request.build_absolute_uri("/")
            )
            request.session[CHECK_EMAIL_KEY] = email
            return redirect("public:follow_check_email")
    return render(request, "public/follow/start.html", {"form": form}, status=status)


@require_http_methods(["GET"])
def follow_check_email(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/follow/check_email.html",
        {"email": request.session.get(CHECK_EMAIL_KEY, ""), "minutes": signin.link_minutes()},
    )


def _link_dead(request: HttpRequest) -> HttpResponse:
    return render(request, "public/follow/link_dead.html", status=410)


@require_http_methods(["GET", "POST"])
def follow_sign_in(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the email. Opening it shows a button; only pressing the button spends
    it, so a mail scanner that opens links cannot use it up."""
    claims = signin.link_read(token)
    if claims is None:
        return _link_dead(request)
    if request.method == "GET":
        if selectors.sign_in_link_used(nonce=claims.nonce):
            return _link_dead(request)
        return render(request, "public/follow/sign_in.html")
    case = selectors.case_by_id(case_id=claims.case_id)
    if (
        case is None
        or selectors.case_for_sign_in(reference=case.reference, email=claims.email) != case
    ):
        return _link_dead(request)
    try:
        services.sign_in_link_spend(case=case, nonce=claims.nonce)
    except LinkAlreadyUsed:
        return _link_dead(request)
    signin.sign_in(
        request, claims, representative=claims.email != case.person.email.strip().lower()
    )
    return redirect("public:follow_case")


@require_POST
def follow_sign_out(request: HttpRequest) -> HttpResponse:
    signin.sign_out(request)
    messages.success(request, _("You have signed out"))
    return redirect("public:follow_start")


def person_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Only for someone signed in to a case; everyone else goes to the sign-in page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        case_id = signin.signed_in_case_id(request)
        shown = (
            selectors.case_for_person(case_id=case_id, today=clock.today())
            if case_id is not None
            else None
        )
        if shown is None:
            signin.sign_out(request)
            return redirect("public:follow_start")
        return view(request, shown, *args, **kwargs)

    return wrapped


def _actor(request: HttpRequest) -> Actor:
    return REPRESENTATIVE_ONLINE if signin.signed_in_as_representative(request) else RESIDENT_ONLINE


def _email(request: HttpRequest) -> str:
    data = request.session.get(signin.SESSION_KEY) or {}
    return str(data.get("email", ""))


def _letters(shown: CaseForPerson) -> list[dict[str, Any]]:
    """What we sent the person, each with its downloads: files attached to the
    correspondence, or the PDF of a letter the letters app issued."""
    issued = issued_letters_for_case(case_id=shown.case.pk)
    listed = []
    for sent in shown.letters:
        links = [
            (reverse("public:file_download", args=[f.pk]), f.original_name)
            for f in sent.attachments.all()
        ]
        letter = issued.get(sent.pk)
        if letter is not None:
            links.append(
                (reverse("public:follow_letter", args=[sent.pk]), f"{letter.filename} (PDF)")
            )
        listed.append({"subject": sent.subject, "at": sent.at, "links": links})
    return listed


@require_http_methods(["GET"])
@person_required
def follow_case(request: HttpRequest, shown: CaseForPerson) -> HttpResponse:
    return render(
        request,
        "public/follow/case.html",
        {
            "shown": shown,
            "case": shown.case,
            "letters": _letters(shown),
            **wording.case_words(shown),
        },
    )


@require_http_methods(["GET"])
@person_required
def follow_letter(
    request: HttpRequest, shown: CaseForPerson, correspondence_id: int
) -> HttpResponse:
    """The PDF of a letter we issued on the person's own case."""
    letter = issued_letter_for_case(correspondence_id=correspondence_id, case_id=shown.case.pk)
    if letter is None:
        raise Http404
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _refused(request: HttpRequest, error: RuleBroken | InvalidInput | CaseConflict) -> HttpResponse:
    text = getattr(error, "message", None) or str(error)
    messages.error(request, text)
    return redirect("public:follow_case")


@require_http_methods(["GET", "POST"])
@person_required
def follow_escalate(request: HttpRequest, shown: CaseForPerson) -> HttpResponse:
    """Ask for the next stage: no reasons needed, and never refused for being late."""
    case = shown.case
    if Move.REQUEST_ESCALATION not in shown.moves or shown.late_escalation_waiting:
        raise Http404
    form = EscalateForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                asked = services.escalation_ask(
                    case=case, actor=_actor(request), context=form.cleaned_data["context"]
                )
                emails.follow_receipt_send(
                    case=case,
                    to=_email(request),
                    subject=_("Your request for stage %(stage)s: %(reference)s")
                    % {"stage": asked.stage, "reference": case.reference},
                    template="public/emails/escalation.txt",
                    kind="public_escalation_receipt",
                    stage=asked.stage,
                    accepted=asked.accepted,
                    window_end=emails.in_words(asked.window_end),
                )
        except (RuleBroken, InvalidInput, CaseConflict) as error:
            return _refused(request, error)
        if asked.accepted:
            messages.success(request, _("You have asked for stage %(n)s") % {"n": asked.stage})
        else:
            messages.success(
                request,
                _("We have your request for stage %(n)s. A manager will decide whether to take it")
                % {"n": asked.stage},
            )
        return redirect("public:follow_case")
    return render(
        request,
        "public/follow/escalate.html",
        {
            "form": form,
            "case": case,
            "next_stage": case.stage + 1,
            "late": wording.escalation_is_late(shown),
            "escalate_by": wording.escalate_by(shown),
        },
    )


def _withdrawal_receipt(request: HttpRequest, case: Any) -> None:
    emails.follow_receipt_send(
        case=case,
        to=_email(request),
        subject=_("You have withdrawn your complaint %(reference)s")
        % {"reference": case.reference},
        template="public/emails/withdrawn.txt",
        kind="public_withdrawal_receipt",
    )


@require_http_methods(["GET", "POST"])
@person_required
def follow_withdraw(request: HttpRequest, shown: CaseForPerson) -> HttpResponse:
    case = shown.case
    if Move.WITHDRAW not in shown.moves:
        raise Http404
    form = WithdrawForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actor = _actor(request)
        try:
            with transaction.atomic():
                # The withdrawal is acknowledged in writing (000, 004): the letters app's
                # one call records it and issues the letter, emailed to the person.
                letter = withdraw_and_issue(case=case, actor=actor, channel="web")
                if _email(request) != letter.to_address:
                    _withdrawal_receipt(request, case)
        except LetterError:
            # No letter can be made now (staff will send it): the withdrawal still stands.
            logger.exception("No withdrawal letter for %s; withdrawn without one", case.reference)
            case.refresh_from_db()  # the failed attempt changed it in memory only
            try:
                with transaction.atomic():
                    services.case_withdraw(case=case, actor=actor, channel="web")
                    _withdrawal_receipt(request, case)
            except (RuleBroken, InvalidInput, CaseConflict) as error:
                return _refused(request, error)
        except (RuleBroken, InvalidInput, CaseConflict) as error:
            return _refused(request, error)
        messages.success(request, _("You have withdrawn your complaint"))
        return redirect("public:follow_case")
    return render(request, "public/follow/withdraw.html", {"form": form, "case": case})


@require_http_methods(["GET", "POST"])
@person_required
def follow_add(request: HttpRequest, shown: CaseForPerson) -> HttpResponse:
    """Add information: joins the complaint before its stage 1 response, or becomes new
    feedback with its own reference after it (or when it is about something else)."""
    case = shown.case
    posted = request.method == "POST"
    form = AddInformationForm(
        data=request.POST if posted else None, files=request.FILES if posted else None
    )
    status = 200
    files = None
    if posted and form.is_valid() and not _may_submit(request):
        # Information can become a new case with its own receipt: the same limits as
        # sending feedback, so this is no way round them.
        form.add_error(None, _over_limit_message())
        status = 429
    elif posted and form.is_valid():
        files = _checked_files(form)
    if files is not None:
        text, related = form.cleaned_data["text"], form.cleaned_data["related"]
        try:
            with transaction.atomic():
                # The same words posted twice (a double click) are added once.
                claim = services.submission_claim(
                    key=once.key_for("add", case=case.pk, text=text, related=related)
                )
                added = services.issue_add(
                    case=case,
                    actor=_actor(request),
                    text=text,
                    related=related == "yes",
                    uploads=files,
                )
                services.submission_record(claim=claim, case=added.new_case or added.case)
                new_reference = added.new_case.reference if added.new_case else ""
                emails.follow_receipt_send(
                    case=case,
                    to=_email(request),
                    subject=_("We have received your information: %(reference)s")
                    % {"reference": new_reference or case.reference},
                    template="public/emails/information.txt",
                    kind="public_information_receipt",
                    joined=added.joined,
                    new_reference=new_reference,
                )
        except services.AlreadySubmitted:
            messages.success(request, _("We already have this information"))
            return redirect("public:follow_case")
        except (RuleBroken, InvalidInput, CaseConflict) as error:
            return _refused(request, error)
        if added.joined:
            messages.success(request, _("We have added this to your complaint"))
        else:
            messages.success(
                request,
                _("We have recorded this as new feedback. Its reference number is %(ref)s")
                % {"ref": new_reference},
            )
        return redirect("public:follow_case")
    return render(
        request,
        "public/follow/add.html",
        {"form": form, "case": case, "joins": Move.ADD_RELATED_ISSUE in shown.moves},
        status=status,
    )


def _may_submit(request: HttpRequest) -> bool:
    return ratelimit.allowed(
        ("submit-ip", ratelimit.client_address(request)), ("submit-email", _email(request))
    )


def _over_limit_message() -> str:
    return _(
        "You have sent a lot of feedback in a short time. Wait an hour and try again, or "
        "contact us by phone or email."
    )


def _checked_files(form: AddInformationForm) -> tuple[services.Upload, ...] | None:
    """The file the person chose, through the same checks as the feedback form's uploads;
    None (with the error on the form) when it is refused."""
    chosen = form.cleaned_data.get("attachment")
    if not chosen:
        return ()
    try:
        kind = uploads.check(chosen)
    except uploads.FileRefused as refused:
        form.add_error("attachment", refused.message)
        return None
    return (
        services.Upload(
            name=(chosen.name or "file")[:255],
            content_type=kind.content_type,
            size=chosen.size or 0,
            file=chosen,
            extension=kind.extension,
        ),
    )


def back_to_case() -> str:
    return reverse("public:follow_case")
