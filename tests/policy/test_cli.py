"""The command line: `python -m putright.policy deadlines ...` and `... check FILE`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from putright.policy.cli import main

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "putright" / "policy" / "defaults" / "policy.toml"

# Every date the command line takes, for a case that has been through every stage.
EVERY_DATE = [
    "--received=2026-03-02",
    "--acknowledged=2026-03-03",
    "--stage1-responded=2026-03-13",
    "--escalation-requested=2026-03-16",
    "--stage2-clock-start=2026-03-20",
    "--stage2-responded=2026-04-20",
    "--stage3-requested=2026-04-21",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


class TestDeadlinesCommand:
    def test_prints_one_json_object_of_iso_dates(self, capsys: pytest.CaptureFixture[str]) -> None:
        # Received Sat 19 Dec 2026: acknowledge by Tue 29 Dec (Christmas, Boxing Day's
        # substitute Mon 28). Acknowledged Wed 23 Dec: respond by Mon 11 Jan, max Mon 25 Jan.
        status, out, err = run(
            capsys,
            "deadlines",
            "corporate",
            "--received",
            "2026-12-19",
            "--acknowledged",
            "2026-12-23",
        )
        assert (status, err) == (0, "")
        assert json.loads(out) == {
            "acknowledge_by": "2026-12-29",
            "stage1.respond_by": "2027-01-11",
            "stage1.max": "2027-01-25",
        }

    @pytest.mark.parametrize("process", ["corporate", "housing"])
    def test_two_stage_processes_print_the_stage_1_and_2_keys(
        self, capsys: pytest.CaptureFixture[str], process: str
    ) -> None:
        status, out, _ = run(capsys, "deadlines", process, *EVERY_DATE)
        assert status == 0
        assert list(json.loads(out)) == [
            "acknowledge_by",
            "stage1.respond_by",
            "stage1.max",
            "stage1.escalate_by",
            "stage1.escalation_longstop",
            "stage2.acknowledge_by",
            "stage2.respond_by",
            "stage2.max",
        ]

    def test_childrens_social_care_prints_the_review_panel_keys(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        status, out, _ = run(capsys, "deadlines", "childrens_social_care", *EVERY_DATE)
        found = json.loads(out)
        assert status == 0
        assert list(found)[-5:] == [
            "stage2.escalate_by",
            "stage2.escalation_longstop",
            "stage3.panel_by",
            "stage3.findings_by",
            "stage3.response_by",
        ]
        assert len(found) == 13

    def test_adult_social_care_prints_its_single_stage_and_the_backstop(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        status, out, _ = run(capsys, "deadlines", "adult_social_care", *EVERY_DATE)
        assert status == 0
        assert json.loads(out) == {
            "acknowledge_by": "2026-03-05",
            "stage1.respond_by": "2026-03-17",
            "stage1.max": "2026-06-01",
            "stage1.backstop": "2026-09-02",
        }

    def test_agreed_dates_replace_the_computed_ones(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        status, out, _ = run(
            capsys,
            "deadlines",
            "adult_social_care",
            "--received",
            "2026-03-02",
            "--acknowledged",
            "2026-03-03",
            "--response-plan-due",
            "2026-04-30",
            "--backstop-agreed",
            "2026-12-31",
        )
        found = json.loads(out)
        assert status == 0
        assert found["stage1.respond_by"] == "2026-04-30"
        assert found["stage1.backstop"] == "2026-12-31"

    def test_reads_another_configuration_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        text = SHIPPED.read_text("utf-8").replace("acknowledge_days = 3", "acknowledge_days = 4")
        config = tmp_path / "council.toml"
        config.write_text(text, encoding="utf-8")
        status, out, _ = run(
            capsys,
            "deadlines",
            "adult_social_care",
            "--received",
            "2026-03-02",
            "--config",
            str(config),
        )
        # Mon 2 Mar 2026: Tue 3 (1), Wed 4 (2), Thu 5 (3), Fri 6 Mar (4).
        assert (status, json.loads(out)["acknowledge_by"]) == (0, "2026-03-06")


class TestBadArguments:
    def assert_refused(self, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
        status, out, err = run(capsys, *argv)
        assert status == 2
        assert out == ""
        assert err.count("\n") == 1, err
        return err

    def test_an_unknown_process_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        err = self.assert_refused(capsys, "deadlines", "parking", "--received", "2026-03-02")
        assert "invalid choice: 'parking'" in err

    def test_a_malformed_date_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        err = self.assert_refused(capsys, "deadlines", "housing", "--received", "2026-13-01")
        assert "'2026-13-01' is not a date: write YYYY-MM-DD" in err

    def test_a_date_before_received_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        err = self.assert_refused(
            capsys,
            "deadlines",
            "housing",
            "--received",
            "2026-03-02",
            "--acknowledged",
            "2026-03-01",
        )
        assert "acknowledged (2026-03-01) is before received (2026-03-02)" in err

    def test_a_date_outside_the_calendar_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        err = self.assert_refused(capsys, "deadlines", "housing", "--received", "1990-01-01")
        assert "outside the working-day calendar" in err

    def test_a_broken_configuration_exits_2(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        config = tmp_path / "council.toml"
        config.write_text("this is = = not toml\n", encoding="utf-8")
        err = self.assert_refused(
            capsys, "deadlines", "housing", "--received", "2026-03-02", "--config", str(config)
        )
        assert f"{config}: (file): is not valid TOML" in err

    def test_a_missing_received_date_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        err = self.assert_refused(capsys, "deadlines", "housing")
        assert "--received" in err

    def test_no_command_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.assert_refused(capsys)


class TestCheckCommand:
    def test_a_valid_file_prints_ok(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run(capsys, "check", str(SHIPPED)) == (0, "OK\n", "")

    def test_a_broken_file_prints_the_error_naming_file_and_key(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        text = SHIPPED.read_text("utf-8").replace("closure_days = []", "closure_dayz = []")
        config = tmp_path / "council.toml"
        config.write_text(text, encoding="utf-8")
        status, out, err = run(capsys, "check", str(config))
        assert (status, out) == (2, "")
        assert f"{config}: calendar.closure_dayz: is not a setting PutRight knows" in err


class TestAsAModule:
    def test_python_dash_m_prints_the_deadlines(self) -> None:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "putright.policy",
                "deadlines",
                "housing",
                "--received",
                "2026-05-03",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        # Sun 3 May 2026, then the early May bank holiday: Tue 5 (1) ... Mon 11 May (5).
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == {"acknowledge_by": "2026-05-11"}

    def test_python_dash_m_exits_2_on_a_bad_argument(self) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "putright.policy", "deadlines", "housing", "--received", "x"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2
        assert "'x' is not a date" in done.stderr
