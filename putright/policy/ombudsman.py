"""Which Ombudsman a person is told about, with contact details from configuration.

SPEC "Letters and responses": the Housing Ombudsman for council tenants and leaseholders on
landlord matters; the Local Government and Social Care Ombudsman otherwise (001 "Next
steps": "If you are a tenant of MKCC you can contact the Housing Ombudsman").

Decisions where the sources are silent:

* A case run under the housing process for someone who is not a council tenant or
  leaseholder (a neighbour about anti-social behaviour by a tenant, a housing applicant)
  goes to the LGSCO: the Housing Ombudsman's scheme is for the landlord's own residents.
  The case keeps the housing process and its timescales; only the Ombudsman changes.
* Statutory social care complaints always go to the LGSCO (its jurisdiction by statute),
  whatever the person's tenancy: they are never a landlord matter.
* A landlord matter raised by a tenant or leaseholder goes to the Housing Ombudsman even if
  staff ran it under the corporate process: the matter decides, not the process chosen.
"""

from __future__ import annotations

from typing import Final

from putright.policy.errors import PolicyConfigError
from putright.policy.processes import Ombudsman, PolicyConfig

HOUSING_OMBUDSMAN: Final = "housing_ombudsman"
LGSCO: Final = "lgsco"
SOCIAL_CARE_PROCESSES: Final = frozenset({"childrens_social_care", "adult_social_care"})


def ombudsman_code_for(
    *, process: str, landlord_matter: bool, person_is_tenant_or_leaseholder: bool
) -> str:
    """The code of the Ombudsman for a case (see the module docstring for the choices).

    >>> ombudsman_code_for(
    ...     process="housing", landlord_matter=True, person_is_tenant_or_leaseholder=True
    ... )
    'housing_ombudsman'
    >>> ombudsman_code_for(
    ...     process="housing", landlord_matter=True, person_is_tenant_or_leaseholder=False
    ... )
    'lgsco'
    """
    if process in SOCIAL_CARE_PROCESSES:
        return LGSCO
    if landlord_matter and person_is_tenant_or_leaseholder:
        return HOUSING_OMBUDSMAN
    return LGSCO


def ombudsman_for(
    config: PolicyConfig,
    *,
    process: str,
    landlord_matter: bool,
    person_is_tenant_or_leaseholder: bool,
) -> Ombudsman:
    """The Ombudsman to name in letters, with the contact details the council configured.

    Raises UnknownProcess for a process the configuration does not define, and
    PolicyConfigError when the chosen Ombudsman has no entry under [ombudsmen].
    """
    config.versions(process)
    code = ombudsman_code_for(
        process=process,
        landlord_matter=landlord_matter,
        person_is_tenant_or_leaseholder=person_is_tenant_or_leaseholder,
    )
    try:
        return config.ombudsmen[code]
    except KeyError:
        raise PolicyConfigError(
            config.source, f"ombudsmen.{code}", "is missing: letters must name this Ombudsman"
        ) from None
