"""The complaint handling codes as configuration: both shipped codes load, their references
are unique, every measure is one the reports count, and a broken file is refused with a
message naming the file and the key."""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from putright.policy.codes import (
    DEFAULT_CODE_FILES,
    KNOWN_MEASURES,
    AnswerIncomplete,
    CodeConfigError,
    answer_check,
    load_code,
    load_codes,
)


def _raw(name: str) -> dict[str, object]:
    return tomllib.loads(resources.files("putright.policy").joinpath(name).read_text("utf-8"))


class TestTheShippedCodes:
    def test_both_codes_load(self) -> None:
        codes = load_codes()
        assert set(codes) == {"housing_ombudsman", "lgsco"}
        assert codes["housing_ombudsman"].process == "housing"
        assert codes["lgsco"].process == "corporate"

    def test_the_housing_code_holds_every_requirement_from_1_2_to_9_8(self) -> None:
        code = load_codes()["housing_ombudsman"]
        refs = [r.ref for r in code.requirements]
        assert refs[0] == "1.2" and refs[-1] == "9.8"
        per_section = {s.number: len(code.in_section(s.number)) for s in code.sections}
        # Code 2024: 1.2-1.6, 2.1-2.5, 3.1-3.7, 4.1-4.3, 5.1-5.15, 6.1-6.20, 7.1-7.4,
        # 8.1-8.5, 9.1-9.8.
        assert per_section == {1: 5, 2: 5, 3: 7, 4: 3, 5: 15, 6: 20, 7: 4, 8: 5, 9: 8}

    def test_both_codes_have_nine_sections(self) -> None:
        for code in load_codes().values():
            assert [s.number for s in code.sections] == list(range(1, 10))
            assert all(code.in_section(s.number) for s in code.sections)

    @pytest.mark.parametrize("name", DEFAULT_CODE_FILES)
    def test_references_are_unique_and_every_measure_is_known(self, name: str) -> None:
        raw = _raw(name)
        requirements = raw["requirements"]
        assert isinstance(requirements, list)
        refs = [r["ref"] for r in requirements]
        assert len(refs) == len(set(refs))
        assert {r["measure"] for r in requirements if "measure" in r} <= KNOWN_MEASURES

    def test_the_timeliness_measures_sit_on_the_codes_own_clauses(self) -> None:
        code = load_codes()["housing_ombudsman"]
        measured = {r.ref: r.measure for r in code.requirements if r.measure}
        assert measured["6.2"] == "stage1_acknowledged_in_time"
        assert measured["6.3"] == "stage1_responded_in_time"
        assert measured["6.11"] == "stage2_acknowledged_in_time"
        assert measured["6.13"] == "stage2_different_officer"
        assert measured["6.14"] == "stage2_responded_in_time"
        assert measured["5.10"] == "adjustments_reviewed"


GOOD = """
id = "mine"
title = "Our code"
version = "1"
process = "corporate"
source = "Ourselves"

[[sections]]
number = 1
title = "One"

[[requirements]]
ref = "1.1"
section = 1
text = "Do it."
"""


class TestABrokenFileIsRefused:
    def _write(self, tmp_path: Path, text: str) -> Path:
        path = tmp_path / "code.toml"
        path.write_text(text, "utf-8")
        return path

    def test_a_council_file_is_read(self, tmp_path: Path) -> None:
        codes = load_codes([self._write(tmp_path, GOOD)])
        assert list(codes) == ["mine"]

    def test_an_unknown_measure_names_the_file_and_key(self, tmp_path: Path) -> None:
        path = self._write(tmp_path, GOOD + 'measure = "happiness"\n')
        with pytest.raises(CodeConfigError) as caught:
            load_code(path)
        message = str(caught.value)
        assert str(path) in message
        assert "requirements[0].measure" in message
        assert "'happiness' is not a figure PutRight counts" in message

    def test_a_reference_given_twice_is_refused(self, tmp_path: Path) -> None:
        twice = GOOD + '\n[[requirements]]\nref = "1.1"\nsection = 1\ntext = "Again."\n'
        with pytest.raises(CodeConfigError, match=r"requirements\[1\]\.ref: '1.1' appears twice"):
            load_code(self._write(tmp_path, twice))

    def test_a_requirement_in_no_section_is_refused(self, tmp_path: Path) -> None:
        text = GOOD.replace('ref = "1.1"\nsection = 1', 'ref = "2.1"\nsection = 2')
        with pytest.raises(CodeConfigError, match=r"requirements\[0\]\.section: no section 2"):
            load_code(self._write(tmp_path, text))

    def test_a_missing_title_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(CodeConfigError, match=r": title: must be a non-empty string"):
            load_code(self._write(tmp_path, GOOD.replace('title = "Our code"', "")))

    def test_an_unknown_process_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(CodeConfigError, match="process: must be one of"):
            load_code(self._write(tmp_path, GOOD.replace('"corporate"', '"parking"')))

    def test_text_that_is_not_toml_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(CodeConfigError, match=r"\(file\): is not valid TOML"):
            load_code(self._write(tmp_path, "id = "))

    def test_a_missing_file_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(CodeConfigError, match="cannot be read"):
            load_code(tmp_path / "absent.toml")

    def test_two_files_with_one_id_are_refused(self, tmp_path: Path) -> None:
        first = self._write(tmp_path, GOOD)
        second = tmp_path / "again.toml"
        second.write_text(GOOD, "utf-8")
        with pytest.raises(CodeConfigError, match="'mine' is defined by two files"):
            load_codes([first, second])


class TestAnAnswer:
    def test_a_no_without_an_action_and_a_date_is_refused_code_8_5(self) -> None:
        with pytest.raises(AnswerIncomplete, match="the action the council will take and the"):
            answer_check(comply="no", action=" ", comply_by=None)
        with pytest.raises(AnswerIncomplete, match="the date by which it will comply"):
            answer_check(comply="no", action="Train staff", comply_by=None)

    def test_a_no_with_an_action_and_a_date_is_accepted(self) -> None:
        answer_check(comply="no", action="Train staff", comply_by=date(2026, 9, 30))

    def test_a_yes_or_a_requirement_not_yet_answered_needs_neither(self) -> None:
        answer_check(comply="yes", action="", comply_by=None)
        answer_check(comply="", action="", comply_by=None)

    def test_anything_but_yes_or_no_is_refused(self) -> None:
        with pytest.raises(AnswerIncomplete, match="Choose yes or no"):
            answer_check(comply="partly", action="", comply_by=None)
