"""The default taxonomy of complaints, drawn from the council's policies.

Categories follow the services and themes the sources name (repairs, damp and mould,
antisocial behaviour, staff conduct, communication, ...); root causes follow the list of
what a complaint may be about in the Corporate Complaints Policy (001: delay, poor record
keeping, failure to take action, failure to follow procedures or the law, poor
communication, misleading information, failure to investigate, not doing what we said).
The complaints team changes them in the admin; the migration installs these once.
"""

from __future__ import annotations

from typing import Any, Final

# (code, name, [(code, name), ...]) - a category and its sub-categories.
DEFAULT_CATEGORIES: Final[list[tuple[str, str, list[tuple[str, str]]]]] = [
    (
        "repairs",
        "Repairs",
        [
            ("repairs-damp-mould", "Damp and mould"),
            ("repairs-leaks", "Leaks and roofs"),
            ("repairs-heating", "Heating and hot water"),
            ("repairs-appointments", "Missed or late appointments"),
            ("repairs-quality", "Quality of work"),
        ],
    ),
    (
        "tenancy",
        "Tenancy and allocations",
        [
            ("tenancy-transfers", "Transfers and allocations"),
            ("tenancy-rent", "Rent and service charges"),
        ],
    ),
    (
        "antisocial-behaviour",
        "Antisocial behaviour",
        [("asb-noise", "Noise"), ("asb-harassment", "Harassment and intimidation")],
    ),
    ("estate-services", "Estate services and cleaning", []),
    ("staff-conduct", "Staff conduct", []),
    ("communication", "Communication", [("communication-no-reply", "No reply or update")]),
    ("council-tax-benefits", "Council tax and benefits", []),
    ("waste", "Waste and recycling", [("waste-missed", "Missed collections")]),
    ("planning", "Planning and building control", []),
    ("highways-parking", "Highways, street lighting and parking", []),
    ("libraries-leisure", "Libraries and leisure", []),
    ("childrens-services", "Children's services", []),
    ("adult-social-care", "Adult social care", []),
    ("other", "Other", []),
]

DEFAULT_ROOT_CAUSES: Final[list[tuple[str, str]]] = [
    ("delay", "Delay"),
    ("poor-record-keeping", "Poor record keeping"),
    ("failure-to-act", "Failure to take action"),
    ("procedure-not-followed", "Failure to follow procedures or the law"),
    ("poor-communication", "Poor communication"),
    ("misleading-information", "Misleading information given"),
    ("failure-to-investigate", "Failure to investigate"),
    ("promise-not-kept", "Not doing what we said we would"),
    ("staff-behaviour", "Staff attitude or behaviour"),
    ("contractor-failure", "Contractor failure"),
    ("no-fault-found", "No service failure found"),
]


def taxonomy_defaults_install(category_model: Any, root_cause_model: Any) -> None:
    """Create the default categories and root causes that do not exist yet (by code).

    Takes the models as arguments so that a migration can pass its historical models.
    """
    for code, name, children in DEFAULT_CATEGORIES:
        parent, _ = category_model.objects.get_or_create(code=code, defaults={"name": name})
        for child_code, child_name in children:
            category_model.objects.get_or_create(
                code=child_code, defaults={"name": child_name, "parent": parent}
            )
    for code, name in DEFAULT_ROOT_CAUSES:
        root_cause_model.objects.get_or_create(code=code, defaults={"name": name})
