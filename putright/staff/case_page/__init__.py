"""What each part of the case page adds to its context.

The case page (staff/cases/detail.html) is built from partials in
staff/cases/page/. Each module here fills the context of the partials it owns:
`casework` (correspondence, letters, files, representatives, contractors, service
requests), `response` (the response being written, its approval, the ledger of remedies
and actions), `records` (Ombudsman cases, learning, restrictions, adjustments, children's
safeguards). Each returns a dict read in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from putright.accounts.permissions import StaffMember
from putright.cases.models import Case
from putright.staff.queries import CaseRecord


@dataclass(frozen=True, slots=True)
class PageInput:
    """What every part of the page may read: the case, its record, who is looking, today."""

    case: Case
    record: CaseRecord
    member: StaffMember
    may_act: bool
    today: date
    base: str  # the case page's address without the trailing slash


def page_parts(page: PageInput) -> dict[str, Any]:
    """The context of every part of the page, merged."""
    from putright.staff.case_page import casework, childrens, records, response

    context: dict[str, Any] = {}
    for part in (casework, response, records, childrens):
        context.update(part.context(page))
    return context
