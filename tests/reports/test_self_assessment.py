"""The self-assessment against the complaint handling codes: every live figure equals a
count done independently from the fixed data set (tests/reports/dataset.py), day by day
and never with the code under test; the answers keep their history and the Code's rules;
the Word and PDF documents hold every requirement; who may read and who may change."""

from __future__ import annotations

import subprocess
import tomllib
from collections.abc import Callable
from datetime import date
from importlib import resources
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from docx import Document

from putright.cases.models import Case
from putright.core import clock
from putright.reports.assessment import assessment_for, assessment_summary, code_named
from putright.reports.assessment_measures import MEASURES
from putright.reports.drill import figure_filter
from putright.reports.models import AssessmentAnswer
from tests.cases.conftest import naive_add_working_days as add
from tests.reports.dataset import SPECS, YEAR, build, in_year, learning
from tests.staff.personas import Council

pytestmark = pytest.mark.django_db
TODAY = YEAR[1]
FY = YEAR[0].year  # 2025: the year 1 April 2025 to 31 March 2026
PAGE = "/staff/reports/self-assessment/"
HO = "housing_ombudsman"
LGSCO = "lgsco"
OK, REFUSED = 200, 403


@pytest.fixture
def built(council: Council, monkeypatch: pytest.MonkeyPatch) -> list[Case]:
    # The pages measure "not yet due for review" against today: the last day of the year.
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return build(council)


def oracle(process: str) -> dict[str, tuple[int, int | None]]:
    """Each measure counted from the specs of one process: (part, whole), whole None for a
    count. Working days walked day by day (naive_add_working_days)."""
    specs = [s for s in SPECS if s.process == process]
    acked = [s for s in specs if in_year(s.acknowledged)]
    responded = [s for s in specs if in_year(s.responded)]
    extended = [s for s in responded if s.extend_to_after]
    ack2 = [s for s in specs if in_year(s.stage2_acknowledged)]
    responded2 = [s for s in specs if in_year(s.stage2_responded)]
    adjusted = [s for s in specs if s.adjustment and in_year(s.received)]
    refused = [s for s in specs if s.excluded and in_year(s.received)]
    remedies = [s for s in specs if s.remedy is not None and in_year(s.responded)]

    def within(stop: date | None, days: int, start: date | None) -> bool:
        assert stop is not None and start is not None
        return stop <= add(start, days)

    return {
        # Code 6.2: acknowledged within 5 working days of receipt.
        "stage1_acknowledged_in_time": (
            sum(within(s.acknowledged, 5, s.received) for s in acked),
            len(acked),
        ),
        # Code 6.3: responded within 10 working days of the acknowledgement.
        "stage1_responded_in_time": (
            sum(within(s.responded, 10, s.acknowledged) for s in responded),
            len(responded),
        ),
        # Code 6.4: an extension no more than 10 further working days, and kept.
        "stage1_extension_within_limit": (
            sum(
                within(s.responded, s.extend_to_after or 0, s.acknowledged)
                and (s.extend_to_after or 0) <= 20
                for s in extended
            ),
            len(extended),
        ),
        # Code 6.11: stage 2 requests acknowledged within 5 working days (the set's are 2).
        "stage2_acknowledged_in_time": (
            sum(within(s.stage2_acknowledged, 5, s.escalation_requested) for s in ack2),
            len(ack2),
        ),
        # Code 6.14: stage 2 responses within 20 working days of the acknowledgement.
        "stage2_responded_in_time": (
            sum(within(s.stage2_responded, 20, s.stage2_acknowledged) for s in responded2),
            len(responded2),
        ),
        "stage2_extension_within_limit": (0, 0),  # no stage 2 extension in the set
        # Code 6.13: the set's stage 2 officers are never the stage 1 officer.
        "stage2_different_officer": (len(responded2), len(responded2)),
        # Code 5.10: a review date that has not passed on the last day of the year.
        "adjustments_reviewed": (
            sum(s.adjustment_review is not None and s.adjustment_review >= TODAY for s in adjusted),
            len(adjusted),
        ),
        "exclusions_explained": (len(refused), len(refused)),  # every refusal gave reasons
        "remedies_delivered": (sum(s.remedy_paid for s in remedies), len(remedies)),
        # Code 9.1: service improvements recorded in the year with a complaint of the process.
        "learning_recorded": (learning(YEAR, by="all", process=process)["All"][0], None),
    }


class TestTheLiveFigures:
    @pytest.mark.parametrize(("code_id", "process"), [(HO, "housing"), (LGSCO, "corporate")])
    def test_every_percentage_equals_an_independent_count(
        self, built: list[Case], code_id: str, process: str
    ) -> None:
        assessment = assessment_for(code_named(code_id), FY, today=TODAY)
        found = {
            row.measured.key: (row.measured.part, row.measured.whole)
            for row in assessment.rows
            if row.measured is not None
        }
        expected = oracle(process)
        assert found == {key: expected[key] for key in found}
        assert set(found) == set(MEASURES)  # each code uses every measure once

    def test_the_housing_figures_in_the_data_set_are_not_all_full_marks(
        self, built: list[Case]
    ) -> None:
        # Guards the oracle: the set has misses to find, so a figure stuck at 100 % fails.
        expected = oracle("housing")
        assert expected["stage1_acknowledged_in_time"] == (4, 6)
        assert expected["stage2_responded_in_time"] == (1, 2)
        assert expected["adjustments_reviewed"] == (1, 3)
        assert expected["remedies_delivered"] == (1, 2)

    @pytest.mark.parametrize(("code_id", "process"), [(HO, "housing"), (LGSCO, "corporate")])
    def test_the_cases_behind_each_figure_are_as_many_as_its_misses(
        self, built: list[Case], code_id: str, process: str
    ) -> None:
        # In the set each case has at most one stage record, adjustment or remedy of each
        # kind, so the cases behind a miss are as many as the misses counted; behind the
        # improvements counted are the complaints linked to them.
        expected = oracle(process)
        assessment = assessment_for(code_named(code_id), FY, today=TODAY)
        for row in assessment.rows:
            measured = row.measured
            if measured is None:
                continue
            part, whole = expected[measured.key]
            listed = 0
            if measured.drill is not None:
                figure, key = measured.drill
                _, found = figure_filter(assessment.scope, figure=figure, key=key)
                listed = Case.objects.filter(found).count()
            if measured.key == "learning_recorded":
                part = learning(YEAR, by="all", process=process)["All"][1]
            assert listed == (part if whole is None else whole - part), measured.key

    def test_the_page_shows_the_figure_and_links_to_the_cases_behind_the_misses(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        response = client.get(PAGE, {"code": HO, "period": str(FY)})
        content = response.content.decode()
        row = content[content.index('id="requirement-6.2"') :]
        row = row[: row.index("</tr>")]
        assert "66.7%" in row and "(4 of 6)" in row
        link = row[row.index("/staff/reports/cases/") : row.index('">2 not met')]
        cases = client.get(link.replace("&amp;", "&"))
        assert cases.status_code == 200
        listed = {c.reference for c in built if c.reference in cases.content.decode()}
        # Acknowledged after 7 and 6 working days (the set's late acknowledgements).
        late = {
            c.reference
            for c in built
            if c.process == "housing" and c.received_on in (date(2025, 4, 14), date(2025, 12, 22))
        }
        assert listed == late

    def test_a_measure_with_nothing_to_count_says_no_cases_in_the_year(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        content = client_for("insight").get(PAGE, {"code": HO, "period": str(FY)}).content.decode()
        row = content[content.index('id="requirement-6.15"') :]
        assert "No cases in the year" in row[: row.index("</tr>")]

    def test_the_dashboard_and_the_self_assessment_agree_on_acknowledgements(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        dashboard = client_for("insight").get(
            "/staff/reports/performance/", {"period": str(FY), "process": "housing"}
        )
        table = next(t for t in dashboard.context["tables"] if t["table"].key == "ack_timeliness")
        stage1 = next(r for r in table["rows"] if r["label"].endswith("stage 1"))
        assessment = assessment_for(code_named(HO), FY, today=TODAY)
        measured = next(r.measured for r in assessment.rows if r.requirement.ref == "6.2")
        assert measured is not None
        assert [stage1["cells"][0].value, stage1["cells"][1].value] == [
            measured.whole,
            measured.part,
        ]


def answer(code_id: str = HO, ref: str = "6.2", **changes: Any) -> dict[str, Any]:
    data = {
        "comply": "yes",
        "evidence": "Complaints policy, section 4",
        "commentary": "Acknowledged by the complaints team.",
        "action": "",
        "comply_by_day": "",
        "comply_by_month": "",
        "comply_by_year": "",
        "version": "0",
    }
    data.update(changes)
    return data


def edit_url(code_id: str = HO, ref: str = "6.2", year: int = FY) -> str:
    return f"{PAGE}{code_id}/{year}/{ref}/"


class TestAnswers:
    def test_a_no_without_an_action_and_a_date_is_refused_code_8_5(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("insight").post(edit_url(), answer(comply="no"))
        content = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in content
        assert "needs the action the council will take and the date by which it will" in content
        assert not AssessmentAnswer.objects.exists()

    def test_a_no_with_an_action_and_a_date_is_saved_and_shown(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        response = client.post(
            edit_url(),
            answer(
                comply="no",
                action="Extra staff in the complaints team",
                comply_by_day="30",
                comply_by_month="9",
                comply_by_year="2026",
            ),
        )
        assert response.status_code == 302
        saved = AssessmentAnswer.objects.get()
        assert (saved.comply, saved.action, saved.comply_by) == (
            "no",
            "Extra staff in the complaints team",
            date(2026, 9, 30),
        )
        assert saved.recorded_by_name == "Anil Mehta"
        content = client.get(PAGE, {"code": HO, "period": str(FY)}).content.decode()
        assert "Extra staff in the complaints team" in content and "30 September 2026" in content

    def test_history_keeps_the_previous_answer(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        assert client.post(edit_url(), answer(evidence="First evidence")).status_code == 302
        assert (
            client.post(edit_url(), answer(evidence="Second evidence", version="1")).status_code
            == 302
        )
        assert list(
            AssessmentAnswer.objects.order_by("revision").values_list("revision", "evidence")
        ) == [(1, "First evidence"), (2, "Second evidence")]
        history = client.get(f"{edit_url()}history/").content.decode()
        assert history.index("Second evidence") < history.index("First evidence")
        assert "Anil Mehta" in history
        page = client.get(PAGE, {"code": HO, "period": str(FY)}).content.decode()
        assert "Second evidence" in page and "First evidence" not in page

    def test_a_save_based_on_an_older_answer_is_refused_and_changes_nothing(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        client.post(edit_url(), answer(evidence="Saved first"))
        response = client.post(edit_url(), answer(evidence="Stale", version="0"))
        assert response.status_code == 200
        assert "Someone else changed this answer" in response.content.decode()
        assert list(AssessmentAnswer.objects.values_list("evidence", flat=True)) == ["Saved first"]

    def test_an_unknown_requirement_code_or_year_is_not_found(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        assert client.get(edit_url(ref="99.1")).status_code == 404
        assert client.get(edit_url(code_id="nope")).status_code == 404
        assert client.get(edit_url(year=1990)).status_code == 404
        assert client.post(edit_url(year=1990), answer()).status_code == 404
        assert client.get(f"{edit_url(year=0)}history/").status_code == 404
        assert client.get(f"{PAGE}{HO}/0/download.docx").status_code == 404
        assert not AssessmentAnswer.objects.exists()

    def test_the_summary_for_the_annual_report_counts_yes_no_and_not_answered(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        client.post(edit_url(ref="1.2"), answer())
        client.post(edit_url(ref="1.3"), answer())
        client.post(
            edit_url(ref="6.2"),
            answer(
                comply="no",
                action="Triage every morning",
                comply_by_day="1",
                comply_by_month="7",
                comply_by_year="2026",
            ),
        )
        client.post(edit_url(code_id=LGSCO, ref="1.2"), answer(code_id=LGSCO))
        summary = assessment_summary(HO, FY)
        total = len(_requirements("housing_ombudsman_2024.toml"))
        assert (summary.yes, summary.no, summary.not_answered) == (2, 1, total - 3)
        assert summary.requirements == total
        assert [(n.ref, n.action, n.comply_by) for n in summary.not_met] == [
            ("6.2", "Triage every morning", date(2026, 7, 1))
        ]
        assert (summary.code_title, summary.code_version, summary.year_label) == (
            "Housing Ombudsman Complaint Handling Code",
            "2024",
            "2025 to 2026",
        )
        assert assessment_summary(HO, FY - 1).yes == 0  # each year answered apart


def _requirements(name: str) -> list[dict[str, Any]]:
    """The requirements as the file lists them, parsed here rather than by the loader."""
    text = resources.files("putright.policy").joinpath(f"defaults/codes/{name}").read_text()
    parsed = tomllib.loads(text)
    return list(parsed["requirements"])


def _section_titles(name: str) -> list[str]:
    text = resources.files("putright.policy").joinpath(f"defaults/codes/{name}").read_text()
    return [f"Section {s['number']}: {s['title']}" for s in tomllib.loads(text)["sections"]]


class TestDocuments:
    @pytest.mark.parametrize(
        ("code_id", "name"), [(HO, "housing_ombudsman_2024.toml"), (LGSCO, "lgsco_2024.toml")]
    )
    def test_the_word_document_has_one_row_per_requirement(
        self, built: list[Case], client_for: Callable[[str], Client], code_id: str, name: str
    ) -> None:
        response = client_for("governance").get(f"{PAGE}{code_id}/{FY}/download.docx")
        assert response.status_code == 200
        document = Document(BytesIO(response.content))
        header = ["Code requirement", "Comply", "Evidence", "Commentary / Explanation"]
        assert all([c.text for c in t.rows[0].cells] == header for t in document.tables)
        rows = [row for table in document.tables for row in table.rows[1:]]
        requirements = _requirements(name)
        assert len(rows) == len(requirements)
        assert [
            r.cells[0].text.split(".", 2)[0] + "." + r.cells[0].text.split(".", 2)[1] for r in rows
        ] == [r["ref"] for r in requirements]
        headings = [
            p.text
            for p in document.paragraphs
            if p.style is not None and p.style.name == "Heading 1"
        ]
        assert headings == _section_titles(name)

    def test_the_evidence_cell_carries_the_measured_figure_and_a_no_its_action(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        client.post(
            edit_url(),
            answer(
                comply="no",
                action="Triage every morning",
                comply_by_day="1",
                comply_by_month="7",
                comply_by_year="2026",
            ),
        )
        document = Document(BytesIO(client.get(f"{PAGE}{HO}/{FY}/download.docx").content))
        row = next(r for t in document.tables for r in t.rows if r.cells[0].text.startswith("6.2."))
        assert row.cells[1].text == "No"
        assert "Measured in PutRight for 2025 to 2026: 66.7% (4 of 6)" in row.cells[2].text
        assert "Action: Triage every morning" in row.cells[3].text
        assert "To comply by 1 July 2026." in row.cells[3].text
        code_9_1 = next(
            r for t in document.tables for r in t.rows if r.cells[0].text.startswith("9.1.")
        )
        recorded = oracle("housing")["learning_recorded"][0]
        assert recorded == 2
        assert (
            "Measured in PutRight for 2025 to 2026: 2 service improvements recorded from "
            "complaints in the year." in code_9_1.cells[2].text
        )

    def test_the_pdf_holds_each_section_heading_and_a_measured_figure(
        self, built: list[Case], client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        response = client_for("complaints").get(f"{PAGE}{HO}/{FY}/download.pdf")
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
        pdf = tmp_path / "assessment.pdf"
        pdf.write_bytes(response.content)
        text = subprocess.run(  # noqa: S603
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        flat = " ".join(text.split())
        for title in _section_titles("housing_ombudsman_2024.toml"):
            assert title in flat
        assert "Measured in PutRight for 2025 to 2026: 66.7% (4 of 6)" in flat


READERS = {"complaints": OK, "insight": OK, "governance": OK}
OTHERS = {"manager": REFUSED, "priya": REFUSED, "sam": REFUSED}


class TestWhoMay:
    @pytest.mark.parametrize(("role", "expected"), {**READERS, **OTHERS}.items())
    @pytest.mark.parametrize(
        "path",
        [
            f"{PAGE}?code={HO}&period={FY}",
            f"{PAGE}{HO}/{FY}/6.2/history/",
            f"{PAGE}{HO}/{FY}/download.docx",
            f"{PAGE}{LGSCO}/{FY}/download.pdf",
        ],
    )
    def test_each_role_may_read_or_is_refused(
        self,
        council: Council,
        client_for: Callable[[str], Client],
        role: str,
        expected: int,
        path: str,
    ) -> None:
        assert client_for(role).get(path).status_code == expected

    @pytest.mark.parametrize(
        ("role", "expected"),
        [("insight", OK), ("complaints", REFUSED), ("governance", REFUSED), *OTHERS.items()],
    )
    def test_only_the_insight_lead_may_open_the_edit_page(
        self, council: Council, client_for: Callable[[str], Client], role: str, expected: int
    ) -> None:
        assert client_for(role).get(edit_url()).status_code == expected

    @pytest.mark.parametrize("role", ["governance", "complaints", "manager", "priya"])
    def test_no_other_role_can_change_an_answer(
        self, council: Council, client_for: Callable[[str], Client], role: str
    ) -> None:
        client_for("insight").post(edit_url(), answer(evidence="The lead's"))
        before = list(AssessmentAnswer.objects.values())
        response = client_for(role).post(edit_url(), answer(evidence="Changed", version="1"))
        assert response.status_code == REFUSED
        assert list(AssessmentAnswer.objects.values()) == before

    def test_only_the_insight_lead_is_offered_the_change_links(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        lead = client_for("insight").get(PAGE).content.decode()
        governance = client_for("governance").get(PAGE).content.decode()
        assert f'{HO}/{FY}/6.2/"' in lead
        assert f'{HO}/{FY}/6.2/"' not in governance and "/history/" in governance

    def test_governance_reads_the_figures_without_links_to_cases(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        content = (
            client_for("governance").get(PAGE, {"code": HO, "period": str(FY)}).content.decode()
        )
        assert "66.7%" in content
        assert "/staff/reports/cases/" not in content


class TestQueryCounts:
    def _count(self, client: Client, path: str) -> int:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured.captured_queries)

    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            (f"{PAGE}?code={HO}&period={FY}", 12),
            (f"{PAGE}?code={LGSCO}&period={FY}", 12),
            (f"{PAGE}{HO}/{FY}/6.2/", 5),
            (f"{PAGE}{HO}/{FY}/6.2/history/", 5),
            (f"{PAGE}{HO}/{FY}/download.docx", 12),
        ],
    )
    def test_each_view_runs_a_fixed_number_of_queries_whatever_the_data(
        self,
        council: Council,
        client_for: Callable[[str], Client],
        path: str,
        expected: int,
    ) -> None:
        client = client_for("insight")
        empty = self._count(client, path)
        build(council)
        for ref in ("6.2", "6.3", "1.2"):
            client.post(edit_url(ref=ref), answer())
            client.post(edit_url(ref=ref), answer(version="1"))
        assert self._count(client, path) == empty == expected

    def test_saving_an_answer_runs_a_fixed_number_of_queries(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        client.post(edit_url(ref="1.2"), answer())
        with CaptureQueriesContext(connection) as first:
            assert client.post(edit_url(), answer()).status_code == 302
        with CaptureQueriesContext(connection) as second:
            assert client.post(edit_url(), answer(version="1")).status_code == 302
        assert len(first.captured_queries) == len(second.captured_queries)


class TestTheDashboardLink:
    def test_the_dashboard_links_the_self_assessment_for_those_who_may_read_it(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        dashboard = "/staff/reports/performance/"
        assert PAGE in client_for("insight").get(dashboard).content.decode()
        assert PAGE in client_for("governance").get(dashboard).content.decode()
        assert PAGE not in client_for("manager").get(dashboard).content.decode()
