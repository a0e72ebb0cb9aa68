"""The case page's children's social care part (`_childrens.html`): frozen decisions, the
representation for the child (sufficient interest, the child's views, the advocate), the
stage 2 independent person, and the stage 3 review panel. Nothing is read, and nothing
shown, for a case in any other process."""

from __future__ import annotations

from typing import Any

from putright.cases.models import (
    ChildrensRepresentation,
    FrozenDecision,
    PanelReview,
    StageRecord,
)
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
            "stage2": StageRecord.objects.filter(case=page.case, number=2)
            .select_related("officer", "independent_person")
            .first(),
            "panel_open": panel is not None and page.case.stage == 3 and not panel.panel_held_on,
        }
    }
