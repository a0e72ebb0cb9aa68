"""The case page's children's social care part (`_childrens.html`): frozen decisions, the
representation for the child, and the stage 3 review panel. Nothing is read, and nothing
shown, for a case in any other process."""

from __future__ import annotations

from typing import Any

from putright.cases.models import ChildrensRepresentation, FrozenDecision, PanelReview
from putright.staff.case_page import PageInput

CHILDRENS = "childrens_social_care"


def context(page: PageInput) -> dict[str, Any]:
    if page.case.process != CHILDRENS:
        return {"childrens": None}
    panel = (
        PanelReview.objects.filter(case=page.case)
        .select_related("chair", "independent_person_one", "independent_person_two")
        .first()
    )
    return {
        "childrens": {
            "frozen": list(
                FrozenDecision.objects.filter(case=page.case).order_by("frozen_on", "id")
            ),
            "representation": ChildrensRepresentation.objects.filter(case=page.case).first(),
            "panel": panel,
            "panel_open": panel is not None and page.case.stage == 3 and not panel.panel_held_on,
        }
    }
