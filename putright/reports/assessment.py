"""The self-assessment against a complaint handling code for one financial year: each
requirement of the code (configuration, putright.policy.codes) with the council's current
answer (putright.reports.models) and, where the code names a measure, the figure counted
from the case record for the year (putright.reports.assessment_measures).

Reads only; answers are written by putright.reports.services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet

from putright.core import clock
from putright.core.policy import complaint_codes
from putright.policy.codes import NO, YES, ComplaintCode, Requirement, Section
from putright.reports.assessment_measures import Measured, measures_for
from putright.reports.models import AssessmentAnswer
from putright.reports.scope import ReportScope


class UnknownCode(Exception):
    """No code, year or requirement of that name."""


def year_label(year: int) -> str:
    return f"{year} to {year + 1}"


def year_scope(code: ComplaintCode, year: int, today: date) -> ReportScope:
    """The financial year starting 1 April `year`, for the code's process."""
    return ReportScope(
        start=date(year, 4, 1), end=date(year + 1, 3, 31), today=today, process=code.process
    )


def code_named(code_id: str) -> ComplaintCode:
    """The code with this id; raises UnknownCode."""
    code = complaint_codes().get(code_id)
    if code is None:
        raise UnknownCode(code_id)
    return code


def requirement_named(code: ComplaintCode, ref: str) -> Requirement:
    requirement = code.requirement(ref)
    if requirement is None:
        raise UnknownCode(ref)
    return requirement


def _answers(code: ComplaintCode, year: int) -> QuerySet[AssessmentAnswer]:
    """The answers of a code's year (every requirement, every revision), as a queryset."""
    return AssessmentAnswer.objects.filter(code_id=code.id, code_version=code.version, year=year)


def current_answers(code: ComplaintCode, year: int) -> dict[str, AssessmentAnswer]:
    """The latest answer to each requirement answered (one query: a row with no newer
    revision of its requirement)."""
    newer = _answers(code, year).filter(ref=OuterRef("ref"), revision__gt=OuterRef("revision"))
    rows = _answers(code, year).filter(~Exists(newer))
    return {row.ref: row for row in rows}


def current_answer(code: ComplaintCode, year: int, ref: str) -> AssessmentAnswer | None:
    return _answers(code, year).filter(ref=ref).order_by("-revision").first()


def answer_history(code: ComplaintCode, year: int, ref: str) -> list[AssessmentAnswer]:
    """Every answer given to one requirement, the newest first."""
    return list(_answers(code, year).filter(ref=ref).order_by("-revision"))


@dataclass(frozen=True, slots=True)
class AssessedRequirement:
    requirement: Requirement
    answer: AssessmentAnswer | None
    measured: Measured | None

    @property
    def comply(self) -> str:
        return self.answer.comply if self.answer is not None else ""

    @property
    def revision(self) -> int:
        return self.answer.revision if self.answer is not None else 0


@dataclass(frozen=True, slots=True)
class AssessedSection:
    section: Section
    rows: list[AssessedRequirement]


@dataclass(frozen=True, slots=True)
class Assessment:
    code: ComplaintCode
    year: int
    scope: ReportScope
    sections: list[AssessedSection]

    @property
    def year_label(self) -> str:
        return year_label(self.year)

    @property
    def rows(self) -> list[AssessedRequirement]:
        return [row for section in self.sections for row in section.rows]

    def counted(self, comply: str) -> int:
        return sum(1 for row in self.rows if row.comply == comply)


def assessment_for(code: ComplaintCode, year: int, *, today: date | None = None) -> Assessment:
    """The code's requirements for the year, each with its answer and live figure: one
    query for the answers and at most six for the figures, whatever the code's size."""
    scope = year_scope(code, year, today or clock.today())
    answers = current_answers(code, year)
    measured = measures_for(scope, (r.measure for r in code.requirements if r.measure))
    sections = [
        AssessedSection(
            section=section,
            rows=[
                AssessedRequirement(
                    requirement=r,
                    answer=answers.get(r.ref),
                    measured=measured.get(r.measure) if r.measure else None,
                )
                for r in code.in_section(section.number)
            ],
        )
        for section in code.sections
    ]
    return Assessment(code=code, year=year, scope=scope, sections=sections)


# --- for the annual complaints performance and service improvement report (Code 8.1 (a))


@dataclass(frozen=True, slots=True)
class NotMet:
    """A requirement answered "No", with what the council will do and by when (Code 8.5)."""

    ref: str
    text: str
    action: str
    comply_by: date | None
    commentary: str


@dataclass(frozen=True, slots=True)
class AssessmentSummary:
    code_id: str
    code_title: str
    code_version: str
    year: int  # the financial year starting 1 April of it
    requirements: int
    yes: int
    no: int
    not_answered: int
    not_met: list[NotMet]

    @property
    def year_label(self) -> str:
        return year_label(self.year)


def assessment_summary(code_id: str, year: int) -> AssessmentSummary:
    """How the council answered a code for the financial year starting 1 April `year`:
    counts of Yes, No and not yet answered, and each "No" with its action and date, in the
    code's order. One query. Raises UnknownCode for a code not configured."""
    code = code_named(code_id)
    answers = current_answers(code, year)
    comply = [answers[r.ref].comply if r.ref in answers else "" for r in code.requirements]
    not_met = [
        NotMet(
            ref=r.ref,
            text=r.text,
            action=answers[r.ref].action,
            comply_by=answers[r.ref].comply_by,
            commentary=answers[r.ref].commentary,
        )
        for r in code.requirements
        if r.ref in answers and answers[r.ref].comply == NO
    ]
    return AssessmentSummary(
        code_id=code.id,
        code_title=code.title,
        code_version=code.version,
        year=year,
        requirements=len(code.requirements),
        yes=comply.count(YES),
        no=comply.count(NO),
        not_answered=comply.count(""),
        not_met=not_met,
    )
