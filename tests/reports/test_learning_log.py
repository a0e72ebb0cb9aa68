"""The learning log: service improvements by theme, with the complaints behind them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from django.test import Client

from putright.cases.models import Case, Category
from tests.reports.dataset import SPECS, build, in_year
from tests.staff.personas import Council

pytestmark = pytest.mark.django_db
PAGE = "/staff/reports/learning/"


@pytest.fixture
def built(council: Council) -> list[Case]:
    return build(council)


def test_lessons_are_counted_by_theme_and_link_to_their_cases(
    built: list[Case], client_for: Callable[[str], Client]
) -> None:
    parents = {c.code: (c.parent or c).name for c in Category.objects.select_related("parent")}
    expected = Counter(
        parents[s.category] if s.category else "Not categorised"
        for s in SPECS
        if s.learning and in_year(s.responded)
    )
    client = client_for("insight")
    page = client.get(PAGE, {"period": "2025"})
    (shown,) = page.context["tables"]
    assert {r["label"]: r["cells"][0].value for r in shown["rows"]} == expected
    for row in shown["rows"]:
        listed = client.get(row["cells"][0].href)
        assert listed.context["page"].paginator.count == row["cells"][0].value
    assert "Book surveys at once" in page.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"), [("insight", 200), ("manager", 200), ("governance", 200), ("sam", 403)]
)
def test_who_may_read_it(
    role: str, expected: int, council: Council, client_for: Callable[[str], Client]
) -> None:
    assert client_for(role).get(PAGE).status_code == expected


def test_governance_sees_the_themes_counted_but_no_lesson_or_case(
    built: list[Case], client_for: Callable[[str], Client]
) -> None:
    content = client_for("governance").get(PAGE, {"period": "2025"}).content.decode()
    assert "Learning by theme" in content
    assert "Book surveys at once" not in content and "/staff/cases/" not in content


def test_the_learning_log_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("insight")

    def count() -> int:
        client.get(PAGE, {"period": "2025"})
        with CaptureQueriesContext(connection) as captured:
            client.get(PAGE, {"period": "2025"})
        return len(captured.captured_queries)

    build(council)
    once = count()
    build(council)
    assert count() == once
