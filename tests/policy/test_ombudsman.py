"""Which Ombudsman a person is told about."""

from __future__ import annotations

from dataclasses import replace

import pytest

from putright.policy.errors import PolicyConfigError, UnknownProcess
from putright.policy.ombudsman import ombudsman_for
from tests.policy.personas import CONFIG


class TestOmbudsmanFor:
    def test_a_council_tenant_on_a_landlord_matter_goes_to_the_housing_ombudsman(self) -> None:
        chosen = ombudsman_for(
            CONFIG, process="housing", landlord_matter=True, person_is_tenant_or_leaseholder=True
        )
        assert chosen.code == "housing_ombudsman"
        assert chosen.name == "Housing Ombudsman Service"
        assert chosen.phone == "0300 111 3000"

    def test_a_housing_case_for_someone_not_a_tenant_or_leaseholder_goes_to_the_lgsco(
        self,
    ) -> None:
        # A neighbour complaining about how the council handled a tenant's behaviour.
        chosen = ombudsman_for(
            CONFIG, process="housing", landlord_matter=True, person_is_tenant_or_leaseholder=False
        )
        assert chosen.code == "lgsco"

    def test_a_tenant_on_a_matter_that_is_not_a_landlord_function_goes_to_the_lgsco(
        self,
    ) -> None:
        chosen = ombudsman_for(
            CONFIG,
            process="corporate",
            landlord_matter=False,
            person_is_tenant_or_leaseholder=True,
        )
        assert chosen.code == "lgsco"

    def test_the_matter_not_the_process_decides_for_a_tenant(self) -> None:
        chosen = ombudsman_for(
            CONFIG,
            process="corporate",
            landlord_matter=True,
            person_is_tenant_or_leaseholder=True,
        )
        assert chosen.code == "housing_ombudsman"

    @pytest.mark.parametrize("process", ["childrens_social_care", "adult_social_care"])
    def test_social_care_always_goes_to_the_lgsco(self, process: str) -> None:
        chosen = ombudsman_for(
            CONFIG, process=process, landlord_matter=True, person_is_tenant_or_leaseholder=True
        )
        assert chosen.code == "lgsco"
        assert chosen.website == "https://www.lgo.org.uk"

    def test_contact_details_come_from_configuration(self) -> None:
        moved = replace(CONFIG.ombudsmen["lgsco"], phone="0300 000 0000")
        config = replace(CONFIG, ombudsmen={**CONFIG.ombudsmen, "lgsco": moved})
        chosen = ombudsman_for(
            config,
            process="corporate",
            landlord_matter=False,
            person_is_tenant_or_leaseholder=False,
        )
        assert chosen.phone == "0300 000 0000"

    def test_an_unknown_process_is_refused(self) -> None:
        with pytest.raises(UnknownProcess):
            ombudsman_for(
                CONFIG,
                process="parking",
                landlord_matter=False,
                person_is_tenant_or_leaseholder=False,
            )

    def test_a_configuration_without_the_chosen_ombudsman_names_the_missing_key(self) -> None:
        config = replace(CONFIG, ombudsmen={"lgsco": CONFIG.ombudsmen["lgsco"]})
        with pytest.raises(PolicyConfigError, match=r"ombudsmen\.housing_ombudsman"):
            ombudsman_for(
                config,
                process="housing",
                landlord_matter=True,
                person_is_tenant_or_leaseholder=True,
            )
