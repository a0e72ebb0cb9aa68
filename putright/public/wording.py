"""How the follow-your-case page puts a case into words: its state, and the dates we
promised ("We will reply by 13 January 2027"), from the stored and computed deadlines."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from putright.cases.selectors import CaseForPerson
from putright.core import clock
from putright.policy.lifecycle import Move
from putright.public.emails import in_words

STATUS_WORDS = {
    "received": (gettext_lazy("We have received it"), "blue"),
    "in_progress": (gettext_lazy("We are looking into it"), "light-blue"),
    "panel_held": (gettext_lazy("A review panel has met"), "light-blue"),
    "findings_issued": (gettext_lazy("The review panel has reported"), "light-blue"),
    "responded": (gettext_lazy("We have replied"), "green"),
    "escalation_requested": (gettext_lazy("Asked for the next stage"), "purple"),
    "on_hold": (gettext_lazy("Paused"), "yellow"),
    "withdrawn": (gettext_lazy("Withdrawn"), "grey"),
    "excluded": (gettext_lazy("Not taken forward"), "grey"),
    "closed": (gettext_lazy("Closed"), "grey"),
    "with_ombudsman": (gettext_lazy("With the Ombudsman"), "orange"),
}


KIND_TITLES = {
    "complaint": gettext_lazy("Your complaint"),
    "mp_councillor_enquiry": gettext_lazy("Your enquiry"),
    "service_request": gettext_lazy("Your request for a service"),
    "comment": gettext_lazy("Your comment"),
    "compliment": gettext_lazy("Your compliment"),
}


def _due(shown: CaseForPerson, name: str) -> date | None:
    deadline = shown.deadlines.get(name)
    return deadline.due if deadline is not None else None


def escalate_by(shown: CaseForPerson) -> date | None:
    return _due(shown, f"stage{shown.case.stage}.escalate_by")


def escalation_is_late(shown: CaseForPerson) -> bool:
    last = escalate_by(shown)
    return last is not None and clock.today() > last


def promises(shown: CaseForPerson) -> list[str]:
    """What we said we would do and by when, in words, for the case as it stands."""
    case, status = shown.case, shown.case.status
    stage = shown.current_stage
    said: list[str] = []
    if status == "received" and case.next_deadline_name == "acknowledge_by":
        said.append(
            _("We will acknowledge your complaint by %(day)s.")
            % {"day": in_words(case.next_deadline_on)}
        )
    elif status in ("in_progress", "panel_held", "findings_issued") and stage is not None:
        if stage.respond_by:
            said.append(_("We will reply by %(day)s.") % {"day": in_words(stage.respond_by)})
    elif status == "escalation_requested":
        requested = shown.requested_stage
        ack = _due(shown, f"stage{case.stage + 1}.acknowledge_by")
        if requested is not None and requested.requested_on:
            said.append(
                _("You asked for stage %(n)s on %(day)s.")
                % {"n": case.stage + 1, "day": in_words(requested.requested_on)}
            )
        if ack:
            said.append(_("We will acknowledge your request by %(day)s.") % {"day": in_words(ack)})
    elif status in ("responded", "closed") and stage is not None and stage.responded_on:
        said.append(_("We replied on %(day)s.") % {"day": in_words(stage.responded_on)})
        if shown.late_escalation_waiting:
            said.append(
                _(
                    "You asked for stage %(n)s after the time to ask had ended. A manager "
                    "will decide whether to take it, and we will write to tell you."
                )
                % {"n": case.stage + 1}
            )
        elif Move.REQUEST_ESCALATION in shown.moves:
            last = escalate_by(shown)
            if last is not None and clock.today() <= last:
                said.append(
                    _("You can ask for stage %(n)s until %(day)s.")
                    % {"n": case.stage + 1, "day": in_words(last)}
                )
        elif shown.final_stage and shown.ombudsman is not None:
            said.append(
                _(
                    "This was our final response. If you are still unhappy, you can ask "
                    "the %(ombudsman)s to look at your complaint."
                )
                % {"ombudsman": shown.ombudsman.name}
            )
    elif status == "withdrawn" and case.closed_on:
        said.append(_("You withdrew it on %(day)s.") % {"day": in_words(case.closed_on)})
    elif status == "on_hold":
        said.append(
            _(
                "We have paused it while something else is decided. We will tell you when "
                "we start again, and give you new dates."
            )
        )
    return said


def case_words(shown: CaseForPerson) -> dict[str, Any]:
    words, colour = STATUS_WORDS.get(shown.case.status, (shown.case.status, "grey"))
    return {
        "title": str(KIND_TITLES.get(shown.case.kind, gettext_lazy("Your feedback"))),
        "is_complaint": shown.case.kind in ("complaint", "mp_councillor_enquiry"),
        "status_words": str(words),
        "status_colour": colour,
        "promises": promises(shown),
        "can_escalate": Move.REQUEST_ESCALATION in shown.moves
        and not shown.late_escalation_waiting,
        "can_withdraw": Move.WITHDRAW in shown.moves,
        "escalate_by": escalate_by(shown),
        "escalation_late": escalation_is_late(shown),
    }
