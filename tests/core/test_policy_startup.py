"""A broken policy configuration stops start-up with the file and the key named."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from putright.core.policy import policy_config, reset_policy_cache


@pytest.fixture(autouse=True)
def fresh_policy_cache() -> object:
    reset_policy_cache()
    yield
    reset_policy_cache()


class TestStartupRefusesABrokenConfiguration:
    def test_a_negative_timescale_stops_start_up_naming_the_file_and_key(
        self, tmp_path: Path
    ) -> None:
        shipped = Path("putright/policy/defaults/policy.toml").read_text("utf-8")
        broken = tmp_path / "council.toml"
        broken.write_text(shipped.replace("acknowledge_days = 3", "acknowledge_days = -3"), "utf-8")
        with (
            override_settings(PUTRIGHT_POLICY_CONFIG=str(broken)),
            pytest.raises(ImproperlyConfigured) as caught,
        ):
            apps.get_app_config("core").ready()
        message = str(caught.value)
        assert str(broken) in message
        assert "processes.adult_social_care.versions[0].acknowledge_days" in message

    def test_the_shipped_defaults_start_up(self) -> None:
        apps.get_app_config("core").ready()
        assert (
            policy_config().version_for("housing", __import__("datetime").date(2026, 1, 5)).key
            == "housing@2024-04-01"
        )
