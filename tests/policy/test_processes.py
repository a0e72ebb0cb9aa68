"""Process configuration: effective-dated versions, and broken files that stop loading with
a PolicyConfigError naming the file and the key.
"""

from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from putright.policy.calendar import default_calendar
from putright.policy.deadlines import CaseDates, deadline_dates
from putright.policy.errors import PolicyConfigError, UnknownProcess
from putright.policy.processes import load_config, parse_toml

DEFAULTS = resources.files("putright.policy").joinpath("defaults/policy.toml").read_text("utf-8")

# A second version of the corporate process from 1 Apr 2027: stage 1 target 15 working days
# (extension 5, so the maximum stays 20).
SECOND_CORPORATE_VERSION = """
[[processes.corporate.versions]]
effective_from = 2027-04-01
acknowledge_days = 5
acknowledge_clock_starts = "received"

[[processes.corporate.versions.stages]]
number = 1
name = "Stage 1"
clock_starts = "acknowledged"
target_days = 15
extension_days = 5
max_days = 20
escalation_window_days = 20
independence = "none"

[[processes.corporate.versions.stages]]
number = 2
name = "Stage 2"
clock_starts = "escalation_acknowledged"
acknowledge_days = 5
target_days = 20
extension_days = 10
max_days = 30
independence = "different_officer"
"""


def write(tmp_path: Path, text: str, name: str = "council.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the defaults changed: {old!r} is not there exactly once"
    return text.replace(old, new)


class TestVersions:
    CONFIG = parse_toml(DEFAULTS + SECOND_CORPORATE_VERSION, source="two-versions.toml")

    def respond_by(self, received: date, acknowledged: date) -> date:
        version = self.CONFIG.version_for("corporate", received)
        case = CaseDates(received=received, acknowledged=acknowledged)
        return deadline_dates(version, case, calendar=default_calendar())["stage1.respond_by"]

    def test_a_case_keeps_the_version_in_force_on_the_day_it_was_received(self) -> None:
        # Both acknowledged Thu 1 Apr 2027. Received the day before the change: 10 working
        # days (Fri 2, Mon 5 ... Fri 9, Mon 12 ... Thu 15 Apr). Received on the day of the
        # change: 15 (Fri 16, Mon 19 ... Thu 22 Apr).
        assert self.respond_by(date(2027, 3, 31), date(2027, 4, 1)) == date(2027, 4, 15)
        assert self.respond_by(date(2027, 4, 1), date(2027, 4, 1)) == date(2027, 4, 22)

    def test_a_new_version_changes_nothing_for_cases_received_before_it(self) -> None:
        case = CaseDates(received=date(2026, 12, 1), acknowledged=date(2026, 12, 2))
        calendar = default_calendar()
        under_defaults = load_config().version_for("corporate", case.received)
        under_two = self.CONFIG.version_for("corporate", case.received)
        assert under_two.key == "corporate@2026-04-01"
        assert deadline_dates(under_two, case, calendar=calendar) == deadline_dates(
            under_defaults, case, calendar=calendar
        )

    def test_version_by_key_finds_the_version_a_case_recorded(self) -> None:
        version = self.CONFIG.version_by_key("corporate@2027-04-01")
        assert version.stages[0].target_days == 15

    def test_a_case_received_before_the_first_version_runs_under_the_first(self) -> None:
        assert self.CONFIG.version_for("corporate", date(2020, 1, 1)).key == (
            "corporate@2026-04-01"
        )

    def test_an_unknown_process_is_a_named_error(self) -> None:
        with pytest.raises(UnknownProcess, match="parking"):
            self.CONFIG.version_for("parking", date(2027, 1, 1))

    def test_an_unknown_version_key_is_a_named_error(self) -> None:
        with pytest.raises(UnknownProcess):
            self.CONFIG.version_by_key("corporate@2025-01-01")


class TestBrokenConfigurations:
    def assert_stops_loading(self, tmp_path: Path, text: str, key: str) -> PolicyConfigError:
        path = write(tmp_path, text)
        with pytest.raises(PolicyConfigError) as caught:
            load_config(path)
        error = caught.value
        assert error.source == str(path)
        assert error.key == key
        assert str(error).startswith(f"{path}: {key}: ")
        return error

    def test_the_shipped_defaults_load(self) -> None:
        assert set(load_config().processes) == {
            "corporate",
            "housing",
            "childrens_social_care",
            "adult_social_care",
        }

    def test_an_unknown_process_stops_loading(self, tmp_path: Path) -> None:
        text = DEFAULTS + '\n[processes.parking]\ntitle = "Parking"\nombudsman = "lgsco"\n'
        error = self.assert_stops_loading(tmp_path, text, "processes.parking")
        assert "is not a process PutRight knows" in str(error)

    def test_negative_days_stop_loading(self, tmp_path: Path) -> None:
        text = replace_once(DEFAULTS, "acknowledge_days = 3", "acknowledge_days = -3")
        error = self.assert_stops_loading(
            tmp_path, text, "processes.adult_social_care.versions[0].acknowledge_days"
        )
        assert "must not be negative" in str(error)

    def test_a_stage_without_clock_starts_stops_loading(self, tmp_path: Path) -> None:
        text = replace_once(
            DEFAULTS,
            'name = "Single stage", clock_starts = "acknowledged", ',
            'name = "Single stage", ',
        )
        self.assert_stops_loading(
            tmp_path, text, "processes.adult_social_care.versions[0].stages[0].clock_starts"
        )

    def test_an_exclusion_without_an_explanation_stops_loading(self, tmp_path: Path) -> None:
        text = replace_once(
            DEFAULTS,
            'explanation = "Claims for compensation for loss, damage or injury are handled by '
            'our insurance team, not the complaints policy."\n',
            "",
        )
        self.assert_stops_loading(tmp_path, text, "exclusions.financial_claim.explanation")

    def test_a_file_that_is_not_toml_stops_loading(self, tmp_path: Path) -> None:
        error = self.assert_stops_loading(tmp_path, "this is = = not toml\n", "(file)")
        assert "is not valid TOML" in str(error)

    def test_a_binary_file_stops_loading_with_the_same_kind_of_error(self, tmp_path: Path) -> None:
        path = tmp_path / "council.toml"
        path.write_bytes(b"\xff\xfe\x00 binary")
        with pytest.raises(PolicyConfigError, match="not UTF-8"):
            load_config(path)

    def test_a_typo_in_a_key_stops_loading(self, tmp_path: Path) -> None:
        text = replace_once(DEFAULTS, "at_risk_working_days = 2", "at_risk_workingdays = 2")
        error = self.assert_stops_loading(tmp_path, text, "calendar.at_risk_workingdays")
        assert "is not a setting PutRight knows" in str(error)

    def test_a_date_time_where_a_date_belongs_stops_loading(self, tmp_path: Path) -> None:
        text = replace_once(DEFAULTS, "closure_days = []", "closure_days = [2026-12-29T09:00:00]")
        self.assert_stops_loading(tmp_path, text, "calendar.closure_days[0]")

    def test_an_extension_past_the_maximum_stops_loading(self, tmp_path: Path) -> None:
        text = replace_once(
            DEFAULTS,
            "target_days = 25, extension_days = 40, max_days = 65",
            "target_days = 25, extension_days = 45, max_days = 65",
        )
        self.assert_stops_loading(
            tmp_path,
            text,
            "processes.childrens_social_care.versions[0].stages[1].extension_days",
        )

    def test_a_missing_file_stops_loading(self, tmp_path: Path) -> None:
        with pytest.raises(PolicyConfigError, match="cannot be read"):
            load_config(tmp_path / "missing.toml")
