"""The case page's records part: its partials' context (see putright.staff.case_page).

Stored dates from the one source (`_deadlines.html`): how each stage's response was given.
"""

from __future__ import annotations

from typing import Any, Final

from putright.cases import selectors
from putright.policy.deadlines import Timeliness
from putright.staff.case_page import PageInput

TIMELINESS: Final = {
    Timeliness.WITHIN_TARGET: ("Within target", "green"),
    Timeliness.WITHIN_AGREED_EXTENSION: ("Within an agreed extension", "blue"),
    Timeliness.LATE: ("Late", "red"),
}


def context(page: PageInput) -> dict[str, Any]:
    responses = []
    for number, how in selectors.case_response_timeliness(case=page.case).items():
        text, colour = TIMELINESS[how]
        record = page.record.stages.get(number)
        responses.append(
            {
                "stage": number,
                "sent": record.responded_on if record is not None else None,
                "text": text,
                "colour": colour,
            }
        )
    return {"responses_timeliness": responses}
