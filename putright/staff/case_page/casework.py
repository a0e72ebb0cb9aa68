"""The case page's casework part: its partials' context (see putright.staff.case_page).

Correspondence and notes with their files, the letters issued with their PDF, and the
case work links of the actions panel. Read in a fixed number of queries whatever the
number of rows: the correspondence, its files (one prefetch), the letters (PDFs deferred).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from putright.cases.models import Attachment, Correspondence, Representative
from putright.core.policy import policy_config, working_calendar
from putright.letters.addressing import Addressee, addressees
from putright.letters.models import IssuedLetter
from putright.letters.posting import has_address
from putright.staff.case_page import PageInput

DIRECTION_LABELS = {"in": "Received", "out": "Sent"}


def _correspondence(page: PageInput) -> list[Correspondence]:
    return list(
        Correspondence.objects.filter(case=page.case)
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("id").defer("file"))
        )
        .order_by("-at", "-id")
    )


def _letters(page: PageInput) -> list[IssuedLetter]:
    return list(
        IssuedLetter.objects.filter(case=page.case)
        .select_related("posting")
        .defer("pdf", "body_html", "body_text")
        .order_by("-created_at", "-id")
    )


def _posting_state(letter: IssuedLetter) -> str:
    """How the letter reached (or did not reach) its addressee, in words."""
    if letter.channel == "email":
        return f"emailed to {letter.to_address}"
    posted = getattr(letter, "posting", None)
    if posted is not None:
        return f"posted on {posted.posted_on:%-d %B %Y}"
    if not has_address(letter):
        return "held: no postal address, not posted"
    return "waiting to be printed and posted"


def _files(page: PageInput, rows: list[Correspondence]) -> list[dict[str, Any]]:
    """Every file on the case: what the person or others sent, what staff kept."""
    files = []
    for row in rows:
        for attachment in row.attachments.all():
            files.append(
                {
                    "name": attachment.original_name,
                    "size": attachment.size,
                    "at": row.at,
                    "from": _file_source(row),
                    "href": f"{page.base}/files/{attachment.pk}/",
                }
            )
    return files


def _file_source(row: Correspondence) -> str:
    if row.channel == "web":
        return "Sent online"
    if row.channel == "note":
        return "Kept by staff"
    return f"{DIRECTION_LABELS.get(row.direction, '')} by {row.channel.replace('_', ' ')}"


def _representatives(page: PageInput) -> list[dict[str, Any]]:
    """Each representative still acting, with the banner sentence saying what consent
    blocks and where letters go (putright.letters.addressing decides the latter)."""
    reps = [r for r in page.record.representatives if r.ended_on is None]
    if not reps:
        return []
    to, copy = addressees(page.case)
    rows = []
    for rep in reps:
        rows.append(
            {
                "rep": rep,
                "blocking": rep.consent_state in Representative.CONSENT_BLOCKING,
                "says": _banner_text(rep, to, copy),
                "links": _rep_links(page, rep),
            }
        )
    return rows


def _banner_text(rep: Representative, to: Addressee, copy: Addressee | None) -> str:
    name = rep.name
    if rep.consent_state == "outstanding" and to.representative_id == rep.pk:
        return f"{name} asked as an elected member: answers go to them."
    if rep.consent_state == "outstanding":
        return (
            f"Consent outstanding: nothing may be disclosed to {name} and no response can "
            "be issued until the person's written consent is recorded. Letters go to the "
            "person meanwhile."
        )
    if rep.consent_state == "to_check":
        return (
            "A consent form was uploaded online and waits to be checked: open it and accept "
            f"it before anything is disclosed to {name}. No response can be issued until then."
        )
    if rep.consent_state == "refused":
        return f"The person refused consent: nothing may be disclosed to {name}."
    if to.representative_id == rep.pk:
        also = f", with a copy to {copy.name}" if copy is not None else ""
        return f"Letters and responses go to {name}{also}."
    return "Letters and responses go to the person."


def _rep_links(page: PageInput, rep: Representative) -> list[dict[str, str]]:
    if not page.may_act:
        return []
    base = f"{page.base}/representatives/{rep.pk}"
    links = []
    if rep.consent_state == "to_check":
        links.append(
            {"text": f"Check the uploaded consent for {rep.name}", "href": f"{base}/consent/"}
        )
    elif rep.consent_state in ("outstanding", "refused"):
        links.append({"text": f"Record consent for {rep.name}", "href": f"{base}/consent/"})
    links.append({"text": f"Change {rep.name}'s details", "href": f"{base}/change/"})
    links.append({"text": f"{rep.name} no longer acts", "href": f"{base}/end/"})
    return links


def _panel(page: PageInput, reps: list[dict[str, Any]]) -> list[dict[str, str]]:
    if not page.may_act:
        return []
    links = [
        {"text": "Log a call, email, letter or note", "href": f"{page.base}/correspondence/"},
        {"text": "Add a representative", "href": f"{page.base}/representatives/add/"},
    ]
    if page.case.kind == "service_request" and page.case.status != "closed":
        links[:0] = [
            {
                "text": "Complete the service request",
                "href": f"{page.base}/service-request/complete/",
            },
            {
                "text": "Raise a complaint about this service request",
                "href": f"{page.base}/service-request/complaint/",
            },
        ]
    contractor = _contractor(page)
    if contractor["may_ask"]:
        links.append(
            {
                "text": "Ask the contractor for first feedback",
                "href": f"{page.base}/contractor/ask/",
            }
        )
    for row in reps:
        links += row["links"]
    return links


def _contractor(page: PageInput) -> dict[str, Any]:
    """The contractor's first feedback on the current stage: asked when, due when, given."""
    stage = page.record.current_stage
    asked = stage.contractor_asked_on if stage is not None else None
    due = (
        working_calendar().add_working_days(
            asked, policy_config().time_limits.contractor_first_feedback_days
        )
        if asked is not None
        else None
    )
    return {
        "asked_on": asked,
        "due_on": due,
        "overdue": due is not None
        and stage is not None
        and not stage.contractor_feedback_on
        and due < page.today,
        "feedback_on": stage.contractor_feedback_on if stage is not None else None,
        "feedback": stage.contractor_feedback if stage is not None else "",
        "may_ask": stage is not None
        and asked is None
        and page.case.kind in ("complaint", "mp_councillor_enquiry")
        and page.case.status == "in_progress",
    }


def context(page: PageInput) -> dict[str, Any]:
    reps = _representatives(page)
    rows = _correspondence(page)
    letters = _letters(page)
    by_correspondence = {letter.correspondence_id: letter for letter in letters}
    entries = [
        {
            "row": row,
            "direction": "Note" if row.channel == "note" else DIRECTION_LABELS[row.direction],
            "letter": by_correspondence.get(row.pk),
        }
        for row in rows
        if row.pk not in by_correspondence
    ]
    return {
        "casework_entries": entries,
        "casework_letters": [
            {
                "letter": letter,
                "href": f"{page.base}/letters/{letter.pk}/pdf/",
                "state": _posting_state(letter),
                "held": letter.channel == "post" and not has_address(letter),
            }
            for letter in letters
        ],
        "casework_files": _files(page, rows)
        + [
            {
                "name": letter.filename,
                "size": None,
                "at": letter.created_at,
                "from": "Letter issued",
                "href": f"{page.base}/letters/{letter.pk}/pdf/",
            }
            for letter in letters
        ],
        "casework_links": _panel(page, reps),
        "casework_representatives": reps,
        "casework_contractor": _contractor(page),
    }
