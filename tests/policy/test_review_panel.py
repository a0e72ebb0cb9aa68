"""The review panel rule of the policy core (children's stage 3, 001 Appendix B, 004 Stage
Three): an independent chair and two independent persons, three different people, none of
them involved at an earlier stage, meeting by the configured target."""

from __future__ import annotations

from datetime import date

import pytest

from putright.policy.lifecycle import (
    OfficerNotIndependent,
    PanelNotFormed,
    PanelSeat,
    guard_review_panel,
)
from tests.policy.personas import INDEPENDENT_INVESTIGATOR, PANEL_CHAIR, childrens_stage3

TARGET = date(2027, 2, 3)
ON = date(2027, 1, 20)
CHAIR = PanelSeat(PANEL_CHAIR, independent=True)
ONE = PanelSeat("asha", independent=True)
TWO = PanelSeat("colin", independent=True)


def arrange(
    chair: PanelSeat = CHAIR, persons: tuple[PanelSeat, ...] = (ONE, TWO), on: date = ON
) -> None:
    guard_review_panel(
        childrens_stage3(), chair=chair, persons=persons, panel_on=on, panel_by=TARGET
    )


def test_an_independent_chair_and_two_independent_persons_by_the_target_are_accepted() -> None:
    arrange()
    arrange(on=TARGET)


def test_officer_not_independent_a_chair_who_is_not_independent_is_refused() -> None:
    with pytest.raises(OfficerNotIndependent, match="Stage 3 needs an independent chair"):
        arrange(chair=PanelSeat("priya", independent=False))


def test_officer_not_independent_a_panel_member_who_is_not_independent_is_refused() -> None:
    with pytest.raises(OfficerNotIndependent, match="independent persons on its panel"):
        arrange(persons=(ONE, PanelSeat("tom", independent=False)))


def test_officer_not_independent_the_stage_2_investigator_is_refused_on_the_panel() -> None:
    with pytest.raises(OfficerNotIndependent, match="at stage 2"):
        arrange(persons=(PanelSeat(INDEPENDENT_INVESTIGATOR, independent=True), TWO))


def test_panel_not_formed_the_same_person_twice_is_refused() -> None:
    with pytest.raises(PanelNotFormed, match="three different people"):
        arrange(persons=(ONE, ONE))


def test_panel_not_formed_a_date_after_the_target_is_refused() -> None:
    with pytest.raises(PanelNotFormed, match="must meet by 3 February 2027"):
        arrange(on=date(2027, 2, 4))
