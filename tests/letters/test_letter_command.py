"""manage.py letter CU-REFERENCE KIND [--large-print] --out FILE.pdf"""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from putright.letters.models import IssuedLetter
from tests.letters.conftest import Council, issue_stage1_response, pdf_info, pdf_text, squash

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("letter", *args, stdout=out)
    return out.getvalue()


class TestTheLetterCommand:
    def test_it_reprints_an_issued_letter_exactly_as_it_was_issued(
        self, council: Council, tmp_path: Path
    ) -> None:
        issued = issue_stage1_response(council)
        reference = issued.letter.case.reference
        out = tmp_path / "reprint.pdf"
        said = run(reference, "stage1_response", "--out", str(out))
        version = issued.letter.template_version
        assert "as issued on" in said and f"template version {version}" in said
        assert pdf_info(out.read_bytes(), tmp_path)["Tagged"] == "yes"
        assert pdf_text(out.read_bytes(), tmp_path) == pdf_text(bytes(issued.letter.pdf), tmp_path)
        assert IssuedLetter.objects.count() == 1  # a reprint stores nothing

    def test_it_prints_the_large_print_copy(self, council: Council, tmp_path: Path) -> None:
        issued = issue_stage1_response(council)
        out = tmp_path / "large.pdf"
        run(
            issued.letter.case.reference.lower(),
            "stage1_response",
            "--large-print",
            "--out",
            str(out),
        )
        info = pdf_info(out.read_bytes(), tmp_path)
        assert info["Tagged"] == "yes"
        assert int(info["Pages"]) > int(pdf_info(bytes(issued.letter.pdf), tmp_path)["Pages"])
        text = squash(pdf_text(out.read_bytes(), tmp_path))
        assert all(squash(item) in text for item in issued.must_say)

    def test_a_letter_not_issued_yet_is_rendered_from_the_case(
        self, council: Council, tmp_path: Path
    ) -> None:
        case = council.responded(council.housing)
        out = tmp_path / "check.pdf"
        said = run(case.reference, "stage1_response", "--out", str(out))
        assert "not issued yet" in said
        assert case.reference in pdf_text(out.read_bytes(), tmp_path)
        assert not IssuedLetter.objects.exists()

    def test_a_bad_reference_is_a_clear_message_and_status_2(self, tmp_path: Path) -> None:
        with pytest.raises(CommandError, match="no case with the reference 'CU0000000'") as error:
            run("CU0000000", "acknowledgement", "--out", str(tmp_path / "x.pdf"))
        assert error.value.returncode == 2
        assert not (tmp_path / "x.pdf").exists()

    def test_a_bad_kind_is_a_clear_message_and_status_2(
        self, council: Council, tmp_path: Path
    ) -> None:
        case = council.acknowledged(council.housing)
        with pytest.raises(CommandError, match=r"kind 'apology'\. Choose one of") as error:
            run(case.reference, "apology", "--out", str(tmp_path / "x.pdf"))
        assert error.value.returncode == 2

    def test_a_kind_with_nothing_to_say_on_the_case_is_status_2(
        self, council: Council, tmp_path: Path
    ) -> None:
        case = council.acknowledged(council.housing)
        with pytest.raises(CommandError, match="has not been issued yet") as error:
            run(case.reference, "stage2_response", "--out", str(tmp_path / "x.pdf"))
        assert error.value.returncode == 2


def test_the_real_command_exits_with_status_2_for_a_bad_reference(tmp_path: Path) -> None:
    # As an operator runs it: a separate process, its own exit status and message.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "letter", "CU-NOPE", "acknowledgement", "--out", "x.pdf"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert "no case with the reference 'CU-NOPE'" in result.stderr
