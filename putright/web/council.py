"""Who the council is, as the pages show it: name and the ways to contact it.

Every council deploying PutRight overrides these in settings; the defaults describe
a fictional council so that a fresh checkout renders complete pages.
"""

from dataclasses import dataclass, fields

from django.conf import settings

DEFAULT_COUNCIL_NAME = "Northfield Council"


@dataclass(frozen=True, kw_only=True)
class CouncilContact:
    phone: str = "01632 960 000"
    phone_hours: str = "Monday to Friday, 9am to 5pm (except bank holidays)"
    email: str = "feedback@northfield.example.gov.uk"
    address: tuple[str, ...] = (
        "Customer Feedback Team",
        "Northfield Council",
        "Civic Centre",
        "1 Market Square",
        "Northfield",
        "NF1 1AA",
    )
    in_person: str = "Customer Service Centre, Civic Centre, 1 Market Square, Northfield"
    in_person_hours: str = "Monday to Friday, 9am to 4pm"
    data_protection_email: str = "dpo@northfield.example.gov.uk"


def council_name() -> str:
    """The council's name for headers, titles and footers (setting PUTRIGHT_COUNCIL_NAME)."""
    return str(getattr(settings, "PUTRIGHT_COUNCIL_NAME", "") or DEFAULT_COUNCIL_NAME)


def council_contact() -> CouncilContact:
    """The council's contact details, PUTRIGHT_COUNCIL_CONTACT overriding the defaults.

    Unknown keys in the setting are ignored, so a typo cannot take every page down.
    """
    overrides = getattr(settings, "PUTRIGHT_COUNCIL_CONTACT", {}) or {}
    known = {f.name for f in fields(CouncilContact)}
    values = {key: value for key, value in overrides.items() if key in known}
    if "address" in values:
        values["address"] = tuple(values["address"])
    return CouncilContact(**values)
