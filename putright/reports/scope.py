"""What a report covers: the period, the service and the process, and who is asking.

A service manager's reports cover their own service whatever the address asks for; the
complaints team, the insight lead and governance see every service (putright.accounts
.permissions, rule 2).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Q

from putright.accounts.permissions import Capability, StaffMember


@dataclass(frozen=True, slots=True)
class ReportScope:
    """The filters of a report. `start` and `end` are inclusive; `today` dates overdue."""

    start: date
    end: date
    today: date
    service_id: int | None = None
    process: str = ""

    def cases(self, prefix: str = "") -> Q:
        """The cases in scope (service and process), as seen from a model `prefix` away."""
        q = Q()
        if self.service_id is not None:
            q &= Q(**{f"{prefix}service_id": self.service_id})
        if self.process:
            q &= Q(**{f"{prefix}process": self.process})
        return q

    def period(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})


def financial_year_of(day: date) -> tuple[date, date]:
    """The council's year, 1 April to 31 March, that `day` falls in (the Regulator's and the
    Ombudsman's reporting year)."""
    first = day.year if day.month >= 4 else day.year - 1
    return date(first, 4, 1), date(first + 1, 3, 31)


def scope_for(member: StaffMember, scope: ReportScope) -> ReportScope:
    """`scope` narrowed to what `member` may see: a service manager's own service only."""
    if member.can(Capability.SEE_ALL_REPORTS):
        return scope
    return replace(scope, service_id=member.service_id if member.service_id else -1)
