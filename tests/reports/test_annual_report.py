"""The annual complaints performance and service improvement report (Housing Ombudsman Code
8.1 and 8.2) and the quarterly governance pack (Code 9.7): what they show equals the oracle's
day-by-day counts of the fixed data set (tests/reports/dataset.py), the PDF carries every
section, and the insight lead's records appear once kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from putright.cases.models.learning import THEMES
from putright.cases.models.ombudsman import FINDINGS
from putright.core import clock
from putright.reports.models import (
    GoverningBodyResponse,
    OmbudsmanPublication,
    PerformanceNarrative,
    RecordChange,
)
from putright.reports.records import Editor, PublicationInput, publication_add
from tests.letters.conftest import pdf_info, pdf_text, squash
from tests.reports import dataset
from tests.reports.dataset import (
    PROCESS_NAMES,
    Q2,
    Q3,
    SPECS,
    YEAR,
    Counted,
    build,
    count,
    in_year,
)
from tests.staff.personas import Council

pytestmark = pytest.mark.django_db
ANNUAL = "/staff/reports/annual/"
PACK = "/staff/reports/governance-pack/"
SECTIONS = [
    "(a) Self-assessment against the Complaint Handling Code",
    "(b) Analysis of complaint handling performance",
    "(c) Findings of non-compliance with the Code by the Ombudsman",
    "(d) Service improvements made as a result of learning from complaints",
    "(e) The Ombudsman's annual report about our performance",
    "(f) Other reports and publications by the Ombudsman about our work",
    "The governing body's response",
]

# The context names under which the two pages pass their tables.
SHOWN_LISTS = [
    "quantitative",
    "qualitative",
    "refused",
    "improvement_tables",
    "section_a",
    "outcomes",
    "section_b",
    "section_c",
]


@pytest.fixture
def built(council: Council) -> None:
    build(council)


def shown(context: Any, key: str) -> dict[str, list[Any]]:
    """The rows of the table `key` as the page shows them: label -> the cells' values."""
    lists = [context[name] for name in SHOWN_LISTS if name in context]
    for value in lists:
        for item in value:
            if isinstance(item, dict) and getattr(item.get("table"), "key", None) == key:
                return {row["label"]: [c.value for c in row["cells"]] for row in item["rows"]}
    raise AssertionError(f"no table {key} on the page")


def column(rows: dict[str, list[Any]], *indexes: int) -> dict[str, list[Any]]:
    return {label: [cells[i] for i in indexes] for label, cells in rows.items()}


def outcomes(rows: dict[str, list[Any]]) -> dict[tuple[str, str], int]:
    decisions = ["upheld", "partly_upheld", "not_upheld"]
    found = {}
    for label, cells in rows.items():
        for decision, value in zip(decisions, cells, strict=False):
            if value:
                found[(label, decision)] = value
    return found


def refused_by_code(rows: dict[str, list[Any]]) -> dict[str, int]:
    from putright.core.policy import policy_config

    titles = {e.title: code for code, e in policy_config().exclusions.items()}
    return {titles[label]: cells[0] for label, cells in rows.items()}


def assert_figures_match(context: Any, counted: Counted, *, trend: str = "") -> None:
    """The page's tables (or, for the pack, the given side of each trend table) against the
    oracle's counts."""
    if not trend:
        assert column(shown(context, "volumes_service"), 0) == {
            k: [v] for k, v in counted.received.items()
        }
        assert column(shown(context, "ack_timeliness"), 0, 1) == counted.acknowledged
        assert column(shown(context, "response_timeliness"), 0, 2, 4) == counted.responded
        assert column(shown(context, "escalation"), 0, 3) == counted.escalation
        assert outcomes(shown(context, "outcomes")) == counted.outcomes
        return
    side = 0 if trend == "previous" else 1
    assert column(shown(context, "trend_service"), side) == {
        k: [v] for k, v in counted.received.items()
    }
    ack = shown(context, "trend_ack")
    assert {k: v[side] for k, v in ack.items() if v[side]} == {
        k: v[0] for k, v in counted.acknowledged.items()
    }
    responses = shown(context, "trend_response")
    assert {k: v[side] for k, v in responses.items() if v[side]} == {
        k: v[0] for k, v in counted.responded.items()
    }
    escalation = shown(context, "trend_escalation")
    assert {k: [v[side], v[2 + side]] for k, v in escalation.items() if v[side]} == (
        counted.escalation
    )


class TestTheAnnualReportFigures:
    def test_the_annual_report_figures_equal_the_day_by_day_counts(
        self, built: None, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("insight").get(ANNUAL, {"year": "2025"})
        assert response.status_code == 200
        counted = count(YEAR, clock.today())
        assert_figures_match(response.context, counted)
        assert refused_by_code(shown(response.context, "refused")) == counted.refused

    def test_the_annual_report_lists_the_service_improvements_completed_in_the_year(
        self, built: None, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("insight").get(ANNUAL, {"year": "2025"})
        counted = count(YEAR, clock.today())
        improvements = response.context["report"].improvements
        assert len(improvements) == counted.improvements == 2
        done = sorted(
            (i for i in dataset.improvements() if in_year(i.completed)),
            key=lambda i: i.completed or YEAR[0],
        )
        # The second was linked to two complaints.
        assert [i["complaints"] for i in improvements] == [len(i.cases) for i in done] == [1, 2]
        content = response.content.decode()
        for improvement in dataset.improvements():
            assert (improvement.text in content) == (improvement in done), improvement.text

    def test_the_annual_report_counts_the_improvements_by_theme_with_the_complaints_behind(
        self, built: None, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("insight").get(ANNUAL, {"year": "2025"})
        labels = dict(THEMES)
        assert shown(response.context, "improvements_themes") == {
            labels[theme]: counts for theme, counts in dataset.learning(YEAR, by="theme").items()
        }
        # One table of themes in (d): the improvements' own themes, no second reckoning.
        section = response.content.decode().split('id="section-d"', 1)[1]
        section = section.split('id="section-e"', 1)[0]
        assert section.count("<caption") == 2  # the improvements completed, and by theme

    def test_the_refused_complaints_are_summarised_by_their_exclusion_reason(
        self, built: None, client_for: Callable[[str], Client]
    ) -> None:
        content = client_for("insight").get(ANNUAL, {"year": "2025"}).content.decode()
        section = content[content.index("Complaints we refused to accept") :]
        from putright.core.policy import policy_config

        title = policy_config().exclusions["alternative_redress"].title
        assert title in section[: section.index('id="section-c"')]

    def test_the_year_defaults_to_the_last_complete_year(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("insight").get(ANNUAL)
        last = clock.today().year - (1 if clock.today().month >= 4 else 2)
        assert response.context["report"].year == last
        assert response.context["scope"].end < clock.today()

    def test_a_year_not_offered_says_so_and_shows_the_last_complete_year(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("insight").get(ANNUAL, {"year": "1999"})
        assert response.status_code == 200
        assert "Choose a year from the list" in response.content.decode()
        assert response.context["report"].year != 1999


class TestTheAnnualReportPdf:
    def test_the_annual_report_pdf_has_each_of_code_8_1_a_to_f(
        self, built: None, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        response = client_for("governance").get(f"{ANNUAL}report.pdf", {"year": "2025"})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "annual-complaints-report-2025-to-2026.pdf" in response["Content-Disposition"]
        pdf = b"".join(response.streaming_content) if response.streaming else response.content
        text = squash(pdf_text(pdf, tmp_path))
        positions = [text.index(heading) for heading in SECTIONS]
        assert positions == sorted(positions)  # in the Code's order, the response last
        assert pdf_info(pdf, tmp_path)["Tagged"] == "yes"

    def test_the_pdf_shows_the_same_figures_as_the_page(
        self, built: None, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        pdf = client_for("insight").get(f"{ANNUAL}report.pdf", {"year": "2025"}).content
        text = squash(pdf_text(pdf, tmp_path))
        counted = count(YEAR, clock.today())
        assert f"All {counted.received['All']}" in text
        assert "The governing body's response to this report is not yet recorded." in text
        assert "/staff/" not in text  # no back-office links in a document to publish

    def test_the_governance_pack_pdf_has_each_of_code_9_7_a_to_c(
        self, built: None, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        response = client_for("governance").get(f"{PACK}pack.pdf", {"quarter": "2025-Q3"})
        assert response.status_code == 200
        text = squash(pdf_text(response.content, tmp_path))
        for heading in [
            "(a) Volume, categories and outcomes of complaints, and complaint handling performance",
            "(b) Issues and trends arising from complaint handling",
            "(c) Outcomes of the Ombudsman's investigations and progress in complying with orders",
        ]:
            assert heading in text
        assert pdf_info(response.content, tmp_path)["Tagged"] == "yes"


class TestTheGovernancePackFigures:
    def test_the_pack_figures_equal_the_day_by_day_counts_for_the_quarter_and_the_one_before(
        self, built: None, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("governance").get(PACK, {"quarter": "2025-Q3"})
        assert response.status_code == 200
        today = clock.today()
        assert_figures_match(response.context, count(Q3, today), trend="current")
        assert_figures_match(response.context, count(Q2, today), trend="previous")
        improvements = response.context["pack"].improvements
        assert len(improvements) == count(Q3, today).improvements == 1
        # (b): improvements recorded and completed by service, the quarter before first.
        before, now = dataset.learning(Q2, by="service"), dataset.learning(Q3, by="service")
        assert shown(response.context, "trend_learning") == {
            name: [
                before.get(name, [0, 0, 0])[0],
                now.get(name, [0, 0, 0])[0],
                before.get(name, [0, 0, 0])[2],
                now.get(name, [0, 0, 0])[2],
            ]
            for name in before.keys() | now.keys()
        }

    def test_the_pack_shows_the_ombudsman_findings_and_orders_of_the_quarter(
        self, built: None, client_for: Callable[[str], Client]
    ) -> None:
        today = clock.today()
        labels = dict(FINDINGS)
        for quarter, period in (("2025-Q2", Q2), ("2025-Q3", Q3)):
            response = client_for("insight").get(PACK, {"quarter": quarter})
            counted = count(period, today)
            pack = response.context["pack"]
            assert pack.determinations["total"] == counted.determinations
            assert shown(response.context, "ombudsman_findings") == {
                labels[f]: [n, counted.determinations] for f, n in counted.findings.items()
            }
            orders = shown(response.context, "ombudsman_orders")
            if any(counted.orders[:4]):
                assert orders["Orders"] == counted.orders
                # Every order in the data set follows a severe maladministration finding.
                assert orders["Orders after a severe maladministration finding"] == (counted.orders)

    def test_severe_maladministration_is_highlighted_in_the_quarter_it_was_found(
        self, built: None, client_for: Callable[[str], Client]
    ) -> None:
        severe = [s for s in SPECS if "severe_maladministration" in s.findings]
        assert severe and severe[0].determined and Q2[0] <= severe[0].determined <= Q2[1]
        found = client_for("insight").get(PACK, {"quarter": "2025-Q2"}).content.decode()
        assert "1 of them found severe maladministration." in found
        later = client_for("insight").get(PACK, {"quarter": "2025-Q3"}).content.decode()
        assert "found severe maladministration" not in later

    def test_the_quarter_is_compared_with_the_one_before_it(
        self, built: None, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("insight").get(PACK, {"quarter": "2025-Q1"})
        pack = response.context["pack"]
        assert pack.previous == "2024-Q4"
        assert (pack.previous_scope.start, pack.previous_scope.end) == (
            dt.date(2025, 1, 1),
            dt.date(2025, 3, 31),
        )
        header = response.context["section_a"][0]["table"].columns
        assert header[1:] == [
            "Received: Quarter 4 2024 to 2025",
            "Received: Quarter 1 2025 to 2026",
        ]

    def test_a_quarter_not_offered_says_so(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("insight").get(PACK, {"quarter": "2025-Q9"})
        assert response.status_code == 200
        assert "Choose a quarter from the list" in response.content.decode()


class TestTheInsightLeadsRecords:
    def test_the_governing_bodys_response_appears_once_recorded(
        self, council: Council, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        client = client_for("insight")
        before = client.get(ANNUAL, {"year": "2025"}).content.decode()
        assert "The governing body's response to this report is not yet recorded." in before
        response = client.post(
            "/staff/reports/annual/2025/response/",
            {
                "version": "0",
                "body": "Housing Committee",
                "met_on_day": "17",
                "met_on_month": "6",
                "met_on_year": "2026",
                "response": "The committee welcomes the report and asks for quarterly updates.",
            },
        )
        assert response.status_code == 302
        assert response["Location"] == "/staff/reports/annual/?year=2025#governing-body-response"
        after = client.get(ANNUAL, {"year": "2025"}).content.decode()
        assert "Housing Committee considered this report at its meeting on 17 June 2026" in after
        assert "asks for quarterly updates" in after
        assert "not yet recorded" not in after
        pdf = client.get(f"{ANNUAL}report.pdf", {"year": "2025"}).content
        assert "asks for quarterly updates" in squash(pdf_text(pdf, tmp_path))
        kept = GoverningBodyResponse.objects.get(year=2025)
        assert (kept.changed_by_id, kept.version) == (council["insight"].user.pk, 1)
        change = RecordChange.objects.get()
        assert change.by_id == council["insight"].user.pk
        assert "Housing Committee" in change.summary

    def test_a_stale_form_is_refused_and_changes_nothing(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        form = {"version": "0", "text": "First analysis."}
        assert client.post("/staff/reports/annual/2025/analysis/", form).status_code == 302
        stale = client.post("/staff/reports/annual/2025/analysis/", {**form, "text": "Second."})
        assert stale.status_code == 400
        assert "Someone else changed this record" in stale.content.decode()
        assert PerformanceNarrative.objects.get(year=2025).text == "First analysis."
        again = client.post(
            "/staff/reports/annual/2025/analysis/", {"version": "1", "text": "Second."}
        )
        assert again.status_code == 302
        assert PerformanceNarrative.objects.get(year=2025).version == 2
        assert RecordChange.objects.count() == 2

    def test_bad_input_shows_the_error_summary_and_changes_nothing(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        response = client.post(
            "/staff/reports/annual/2025/publications/add/",
            {
                "version": "0",
                "kind": "annual_report",
                "title": "",
                "published_on_day": "31",
                "published_on_month": "2",
                "published_on_year": "2026",
                "publisher": "Housing Ombudsman Service",
                "summary": "",
                "web_address": "javascript:alert(1)",
            },
        )
        content = response.content.decode()
        assert response.status_code == 400
        assert "govuk-error-summary" in content
        assert "Enter the title" in content and "Enter a summary" in content
        assert "Enter a web address in the right format" in content
        assert not OmbudsmanPublication.objects.exists()
        assert not RecordChange.objects.exists()

    def test_a_meeting_in_the_future_is_refused(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        tomorrow = clock.today() + dt.timedelta(days=1)
        response = client_for("insight").post(
            "/staff/reports/annual/2025/response/",
            {
                "version": "0",
                "body": "Housing Committee",
                "met_on_day": str(tomorrow.day),
                "met_on_month": str(tomorrow.month),
                "met_on_year": str(tomorrow.year),
                "response": "Welcomed.",
            },
        )
        assert response.status_code == 400
        assert "The date of the meeting must be today or in the past." in (
            response.content.decode()
        )
        assert not GoverningBodyResponse.objects.exists()

    def test_each_publication_is_listed_with_its_date_under_its_paragraph(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        editor = Editor(user_id=council["insight"].user.pk, name="Insight Lead")
        for kind, title in [
            ("non_compliance", "Complaint handling failure order"),
            ("annual_report", "Annual landlord performance report 2024 to 2025"),
            ("other", "Spotlight report on damp and mould"),
        ]:
            publication_add(
                year=2025,
                item=PublicationInput(
                    kind=kind,
                    title=title,
                    published_on=dt.date(2025, 10, 2),
                    publisher="Housing Ombudsman Service",
                    summary="What it says.",
                    web_address="https://www.housing-ombudsman.org.uk/" if kind == "other" else "",
                ),
                editor=editor,
            )
        content = client_for("governance").get(ANNUAL, {"year": "2025"}).content.decode()
        c, d, e, f = (content.index(f'id="section-{x}"') for x in "cdef")
        assert "Complaint handling failure order" in content[c:d]
        assert "Annual landlord performance report" in content[e:f]
        assert "Spotlight report on damp and mould" in content[f:]
        assert content[c:d].count("Published 2 October 2025") == 1
        assert 'href="https://www.housing-ombudsman.org.uk/"' in content[f:]
        assert "/staff/reports/annual/publications/" not in content  # governance: no change

    def test_the_publication_form_changes_a_publication(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        editor = Editor(user_id=council["insight"].user.pk, name="Insight Lead")
        kept = publication_add(
            year=2025,
            item=PublicationInput(
                kind="other",
                title="Old title",
                published_on=dt.date(2025, 10, 2),
                publisher="Housing Ombudsman Service",
                summary="What it says.",
            ),
            editor=editor,
        )
        response = client_for("insight").post(
            f"/staff/reports/annual/publications/{kept.pk}/",
            {
                "version": "1",
                "kind": "other",
                "title": "New title",
                "published_on_day": "2",
                "published_on_month": "10",
                "published_on_year": "2025",
                "publisher": "Housing Ombudsman Service",
                "summary": "What it says.",
                "web_address": "",
            },
        )
        assert response.status_code == 302
        assert response["Location"].endswith("#section-f")
        assert OmbudsmanPublication.objects.get().title == "New title"

    def test_section_a_summarises_the_years_self_assessment_with_each_no_and_its_action(
        self, council: Council, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        insight = client_for("insight")
        edit = "/staff/reports/self-assessment/housing_ombudsman/2025/{ref}/"
        base = {"evidence": "", "commentary": "", "action": "", "version": "0"}
        assert insight.post(edit.format(ref="1.2"), {**base, "comply": "yes"}).status_code == 302
        no = {
            **base,
            "comply": "no",
            "action": "Train every housing officer in the new code",
            "comply_by_day": "30",
            "comply_by_month": "9",
            "comply_by_year": "2026",
        }
        assert insight.post(edit.format(ref="6.2"), no).status_code == 302

        response = insight.get(ANNUAL, {"year": "2025"})
        content = response.content.decode()
        section = content[content.index('id="section-a"') : content.index('id="section-b"')]
        # 72 requirements in the Housing Ombudsman's Code 2024 (1.2 to 9.8): 1 yes, 1 no.
        assert "complies with 1 and does not yet comply with 1; 70 have not been answered" in (
            " ".join(section.split())
        )
        assert "Train every housing officer in the new code" in section
        assert "30 September 2026" in section
        # The LGSCO Code is summarised too; nothing has been answered against it.
        assert "No requirement of this code has been answered for 2025 to 2026 yet" in section

        pdf = insight.get(f"{ANNUAL}report.pdf", {"year": "2025"}).content
        text = squash(pdf_text(pdf, tmp_path))
        # The table's columns wrap side by side in the PDF's text; the action's first words
        # are on one line.
        assert "complies with 1 and does not yet comply with 1" in text
        assert "Train every housing" in text
        assert "30 September 2026" in text


def test_process_names_match_the_reference_data(council: Council) -> None:
    from putright.cases.models.reference import PROCESS_CHOICES

    assert set(PROCESS_NAMES.items()) <= set(PROCESS_CHOICES)
