"""The self-assessment as documents: Word (python-docx), in the layout of the councils'
published self-assessments (a heading per section, then a table "Code requirement |
Comply | Evidence | Commentary / Explanation", one row per requirement), and a tagged PDF
of the same content (the letters' renderer).

The figure measured from the case record goes into the Evidence cell as a sentence; a
"No" carries its action and date in the commentary (Code 8.5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.template.loader import render_to_string
from docx import Document

from putright.core import clock
from putright.letters.render import pdf_render
from putright.reports.assessment import AssessedRequirement, Assessment

COLUMNS = ("Code requirement", "Comply", "Evidence", "Commentary / Explanation")
COMPLY_LABELS = {"yes": "Yes", "no": "No", "": "Not yet answered"}


def day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


@dataclass(frozen=True, slots=True)
class Cells:
    requirement: str
    comply: str
    evidence: list[str]
    commentary: list[str]


def cells_of(row: AssessedRequirement, year_label: str) -> Cells:
    """The four cells of a requirement's row, as paragraphs."""
    answer = row.answer
    evidence = [answer.evidence] if answer is not None and answer.evidence else []
    if row.measured is not None:
        evidence.append(row.measured.sentence(year_label))
    commentary = [answer.commentary] if answer is not None and answer.commentary else []
    if answer is not None and answer.comply == "no":
        commentary.append(f"Action: {answer.action}")
        if answer.comply_by is not None:
            commentary.append(f"To comply by {day(answer.comply_by)}.")
    return Cells(
        requirement=f"{row.requirement.ref}. {row.requirement.text}",
        comply=COMPLY_LABELS[row.comply],
        evidence=evidence,
        commentary=commentary,
    )


def _title(assessment: Assessment) -> str:
    return f"Self-assessment against the {assessment.code.label}, {assessment.year_label}"


def _intro(assessment: Assessment) -> str:
    return (
        f"Produced by PutRight on {day(clock.today())}. Yes: "
        f"{assessment.counted('yes')}, No: {assessment.counted('no')}, not yet answered: "
        f"{assessment.counted('')}, of {len(assessment.rows)} requirements. Figures marked "
        f'"Measured in PutRight" are counted from the case record for the year 1 April '
        f"{assessment.year} to 31 March {assessment.year + 1}."
    )


def assessment_docx(assessment: Assessment) -> bytes:
    document = Document()
    document.core_properties.title = _title(assessment)
    document.add_heading(_title(assessment), level=0)
    document.add_paragraph(_intro(assessment))
    for section in assessment.sections:
        document.add_heading(f"Section {section.section.number}: {section.section.title}", level=1)
        table = document.add_table(rows=1, cols=len(COLUMNS))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in section.rows:
            cells = cells_of(row, assessment.year_label)
            out = table.add_row().cells
            out[0].text = cells.requirement
            out[1].text = cells.comply
            out[2].text = "\n".join(cells.evidence)
            out[3].text = "\n".join(cells.commentary)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def assessment_pdf(assessment: Assessment) -> bytes:
    sections = [
        {
            "section": section.section,
            "rows": [cells_of(row, assessment.year_label) for row in section.rows],
        }
        for section in assessment.sections
    ]
    document = render_to_string(
        "reports/self_assessment_pdf.html",
        {
            "title": _title(assessment),
            "intro": _intro(assessment),
            "columns": COLUMNS,
            "sections": sections,
        },
    )
    return pdf_render(document)
