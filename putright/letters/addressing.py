"""Who a letter about a case is addressed to, and who gets a copy.

- A representative who receives responses, whose consent is in hand (or not needed: an MP
  or councillor), is the addressee; the person gets a copy, so they always know what was
  said on their behalf (001 "Definition of a complaint": the representative acts with the
  person's written consent; the complaint stays the person's).
- An MP or councillor enquiry is answered to the member who asked, with no copy: the
  enquiry is the member's.
- Otherwise the person. Nothing goes to a representative while consent is outstanding,
  waiting to be checked, or refused.

Each addressee is written to by email unless they have no email address or asked for post.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from putright.cases.models import Case, Representative

MEMBER_ENQUIRY = "mp_councillor_enquiry"
ELECTED = ("mp", "councillor")
CONSENT_IN_HAND = ("received", "not_needed")


def address_lines(address: str, postcode: str = "") -> list[str]:
    """An address as lines: its own line breaks, or else its commas."""
    raw = address.splitlines() if "\n" in address else address.split(",")
    lines = [line.strip() for line in raw if line.strip()]
    return [*lines, postcode] if postcode and postcode not in address else lines


@dataclass(frozen=True, slots=True)
class Addressee:
    name: str
    email: str
    address_lines: tuple[str, ...]
    wants_post: bool
    is_person: bool
    acts_as: str = ""  # "MP", "Advocate", ... for a representative
    representative_id: int | None = None

    @property
    def by_email(self) -> bool:
        return bool(self.email) and not self.wants_post

    def context(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "address_lines": list(self.address_lines),
            "is_person": self.is_person,
        }


def _person(case: Case) -> Addressee:
    person = case.person
    return Addressee(
        name=person.name,
        email=person.email,
        address_lines=tuple(address_lines(person.address, person.postcode)),
        wants_post=person.preferred_contact_method == "letter",
        is_person=True,
    )


def _of(rep: Representative) -> Addressee:
    name = f"{rep.name}, {rep.organisation}" if rep.organisation else rep.name
    return Addressee(
        name=name,
        email=rep.email,
        address_lines=tuple(address_lines(rep.address)),
        wants_post=False,
        is_person=False,
        acts_as=rep.get_relationship_display(),
        representative_id=rep.pk,
    )


def acting_representative(case: Case) -> Representative | None:
    """The representative letters go to now, if any (the first added who qualifies)."""
    reps = Representative.objects.filter(
        case=case, ended_on__isnull=True, receives_response=True
    ).order_by("id")
    for rep in reps:
        if rep.consent_state in CONSENT_IN_HAND:
            return rep
        if case.kind == MEMBER_ENQUIRY and rep.relationship in ELECTED:
            return rep  # an elected member's own enquiry needs no consent to answer
    return None


def addressees(case: Case) -> tuple[Addressee, Addressee | None]:
    """(to, copy): who the letter is addressed to and who gets a copy (or None)."""
    rep = acting_representative(case)
    if rep is None:
        return _person(case), None
    if case.kind == MEMBER_ENQUIRY and rep.relationship in ELECTED:
        return _of(rep), None
    return _of(rep), _person(case)
