"""Who may open the reports hub, the annual report, the governance pack and the insight
lead's forms; governance reads and changes nothing; the navigation's one "Reports" item;
and each page runs a fixed number of queries whatever the data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from putright.reports.models import (
    GoverningBodyResponse,
    OmbudsmanPublication,
    PerformanceNarrative,
    RecordChange,
)
from putright.reports.records import Editor, PublicationInput, publication_add
from tests.reports.dataset import build
from tests.staff.personas import Council

pytestmark = pytest.mark.django_db
OK, REFUSED = 200, 403
HUB = "/staff/reports/"
ANNUAL = "/staff/reports/annual/?year=2025"
ANNUAL_PDF = "/staff/reports/annual/report.pdf?year=2025"
PACK = "/staff/reports/governance-pack/?quarter=2025-Q3"
PACK_PDF = "/staff/reports/governance-pack/pack.pdf?quarter=2025-Q3"
RESPONSE = "/staff/reports/annual/2025/response/"
ANALYSIS = "/staff/reports/annual/2025/analysis/"
ADD = "/staff/reports/annual/2025/publications/add/"
WHOLE_ORGANISATION = {
    "complaints": OK,
    "priya": REFUSED,
    "tom": REFUSED,
    "sam": REFUSED,
    "manager": REFUSED,
    "insight": OK,
    "governance": OK,
}
INSIGHT_ONLY = {role: OK if role == "insight" else REFUSED for role in WHOLE_ORGANISATION}


def a_publication(council: Council) -> OmbudsmanPublication:
    return publication_add(
        year=2025,
        item=PublicationInput(
            kind="other",
            title="Spotlight report",
            published_on=dt.date(2025, 10, 2),
            publisher="Housing Ombudsman Service",
            summary="What it says.",
        ),
        editor=Editor(user_id=council["insight"].user.pk, name="Insight Lead"),
    )


@pytest.mark.parametrize(("role", "expected"), WHOLE_ORGANISATION.items())
@pytest.mark.parametrize("url", [ANNUAL, PACK])
def test_only_the_roles_that_see_every_service_open_the_annual_report_and_the_pack(
    url: str,
    role: str,
    expected: int,
    council: Council,
    client_for: Callable[[str], Client],
) -> None:
    assert client_for(role).get(url).status_code == expected


@pytest.mark.parametrize("url", [ANNUAL_PDF, PACK_PDF])
def test_a_service_manager_cannot_download_the_whole_organisations_pdfs(
    url: str, council: Council, client_for: Callable[[str], Client]
) -> None:
    assert client_for("manager").get(url).status_code == REFUSED
    assert client_for("priya").get(url).status_code == REFUSED


@pytest.mark.parametrize(("role", "expected"), INSIGHT_ONLY.items())
@pytest.mark.parametrize("url", [RESPONSE, ANALYSIS, ADD])
def test_only_the_insight_lead_opens_the_forms_for_the_reports_records(
    url: str,
    role: str,
    expected: int,
    council: Council,
    client_for: Callable[[str], Client],
) -> None:
    assert client_for(role).get(url).status_code == expected


def test_only_the_insight_lead_opens_a_publication_to_change_it(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    url = f"/staff/reports/annual/publications/{a_publication(council).pk}/"
    for role, expected in INSIGHT_ONLY.items():
        assert client_for(role).get(url).status_code == expected, role


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("complaints", OK),
        ("priya", REFUSED),
        ("tom", REFUSED),
        ("sam", REFUSED),
        ("manager", OK),
        ("insight", OK),
        ("governance", OK),
    ],
)
def test_the_hub_is_open_to_every_role_that_reads_reports(
    role: str, expected: int, council: Council, client_for: Callable[[str], Client]
) -> None:
    assert client_for(role).get(HUB).status_code == expected


def _hub_links(client: Client) -> list[str]:
    content = client.get(HUB).content.decode()
    listed = content.split('id="reports"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="([^"]+)"', listed)


def test_the_hub_lists_every_report_the_member_may_open_and_no_other(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    every = [
        "/staff/reports/performance/",
        "/staff/reports/tenant-satisfaction/",
        "/staff/reports/learning/",
        "/staff/reports/annual/",
        "/staff/reports/governance-pack/",
        "/staff/reports/self-assessment/",
    ]
    for role in ("complaints", "insight", "governance"):
        assert _hub_links(client_for(role)) == every, role
    assert _hub_links(client_for("manager")) == [
        "/staff/reports/performance/",
        "/staff/reports/learning/",
    ]
    for role in ("complaints", "manager"):
        client = client_for(role)
        for href in _hub_links(client):
            assert client.get(href).status_code == OK, (role, href)


class TestTheNavigation:
    @staticmethod
    def items(client: Client, path: str) -> list[tuple[str, bool]]:
        content = client.get(path).content.decode()
        nav = content.split('id="navigation"', 1)[1].split("</ul>", 1)[0]
        return [
            (href, bool(current))
            for current, href in re.findall(
                r'<li class="govuk-service-navigation__item'
                r'( govuk-service-navigation__item--active)?">\s*'
                r'<a class="govuk-service-navigation__link" href="([^"]+)"',
                nav,
            )
        ]

    def test_one_reports_item_is_current_on_every_report_but_the_counts_and_equality(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        for path in (HUB, ANNUAL, PACK, "/staff/reports/performance/", ANALYSIS):
            current = [href for href, on in self.items(client, path) if on]
            assert current == [HUB], path
        for path in ("/staff/reports/service-status/", "/staff/reports/equality/"):
            current = [href for href, on in self.items(client, path) if on]
            assert current == [path], path

    def test_investigating_officers_have_no_reports_item(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        hrefs = [href for href, _ in self.items(client_for("priya"), "/staff/cases/")]
        assert HUB not in hrefs and hrefs


class TestGovernanceReadsAndChangesNothing:
    @staticmethod
    def kept() -> list[Any]:
        return [
            list(model.objects.order_by("pk").values())
            for model in (
                GoverningBodyResponse,
                PerformanceNarrative,
                OmbudsmanPublication,
                RecordChange,
            )
        ]

    def test_a_governance_post_to_any_form_is_refused_and_changes_nothing(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        publication = a_publication(council)
        before = self.kept()
        client = client_for("governance")
        for url, data in [
            (
                RESPONSE,
                {
                    "version": "0",
                    "body": "Housing Committee",
                    "met_on_day": "1",
                    "met_on_month": "6",
                    "met_on_year": "2026",
                    "response": "Welcomed.",
                },
            ),
            (ANALYSIS, {"version": "0", "text": "An analysis."}),
            (
                ADD,
                {
                    "version": "0",
                    "kind": "other",
                    "title": "T",
                    "published_on_day": "1",
                    "published_on_month": "6",
                    "published_on_year": "2025",
                    "publisher": "P",
                    "summary": "S",
                },
            ),
            (
                f"/staff/reports/annual/publications/{publication.pk}/",
                {"version": "1", "title": "Changed"},
            ),
        ]:
            assert client.post(url, data).status_code == REFUSED, url
        assert self.kept() == before

    @pytest.mark.parametrize("url", [HUB, ANNUAL, PACK, ANNUAL_PDF, PACK_PDF])
    def test_the_report_pages_refuse_a_post(
        self, url: str, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        before = self.kept()
        assert client_for("governance").post(url, {"year": "2025"}).status_code == 405
        assert self.kept() == before

    def test_governance_sees_no_links_to_cases_or_to_the_forms(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        build(council)
        for url in (ANNUAL, PACK):
            content = client_for("governance").get(url).content.decode()
            assert "/staff/reports/cases/" not in content
            assert "/staff/reports/annual/2025/" not in content
        insight = client_for("insight").get(ANNUAL).content.decode()
        assert "/staff/reports/cases/" in insight
        assert RESPONSE in insight and ANALYSIS in insight and ADD in insight


def test_a_year_the_report_does_not_offer_has_no_forms(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    assert client_for("insight").get("/staff/reports/annual/1999/response/").status_code == 404
    assert client_for("insight").get("/staff/reports/annual/publications/999/").status_code == 404


# ---------------------------------------------------------------------------------------
# Query counts: fixed, whatever the data (the dataset built twice changes nothing).


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == OK, url
    return len(captured.captured_queries)


# Each page's queries with the data set built: the session and member (4), then the
# report's own. Fixed: building the data set a second time does not add one.
QUERIES = {
    HUB: 4,
    ANNUAL: 26,
    ANNUAL_PDF: 26,
    PACK: 33,
    PACK_PDF: 33,
    RESPONSE: 5,
    ADD: 4,
}


@pytest.mark.parametrize(("url", "expected"), QUERIES.items())
def test_each_page_runs_a_fixed_number_of_queries(
    url: str,
    expected: int,
    council: Council,
    client_for: Callable[[str], Client],
    django_assert_num_queries: Any,
) -> None:
    client = client_for("insight")
    build(council)
    a_publication(council)
    client.get(url)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == OK
    build(council)
    a_publication(council)
    assert _queries(client, url) == expected


def test_changing_a_publication_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client], django_assert_num_queries: Any
) -> None:
    url = f"/staff/reports/annual/publications/{a_publication(council).pk}/"
    client = client_for("insight")
    client.get(url)
    with django_assert_num_queries(5):
        assert client.get(url).status_code == OK
