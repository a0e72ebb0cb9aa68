"""manage.py letter CU-REFERENCE KIND [--large-print] --out FILE.pdf

Render a letter of a case again, for a reprint or a check. A letter that was issued is
rendered from exactly what it was issued with; otherwise from the case as it stands. A bad
reference, an unknown kind, or a kind with nothing to say on this case is a clear message
and exit status 2. Nothing is stored or sent.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from putright.cases.selectors import case_by_reference
from putright.letters.kinds import LetterKind
from putright.letters.sandbox import LetterError
from putright.letters.services import letter_reprint
from putright.policy.lifecycle import RuleBroken

USAGE_ERROR = 2


class Command(BaseCommand):
    help = "Render a letter of a case again as a PDF (reprints and checks). Stores nothing."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("reference", help="The case's CU reference, e.g. CU1234567")
        parser.add_argument("kind", help="One of: " + ", ".join(LetterKind.values))
        parser.add_argument("--large-print", action="store_true", help="The large-print copy")
        parser.add_argument("--out", required=True, type=Path, help="Where to write the PDF")

    def handle(self, *args: Any, **options: Any) -> None:
        reference = options["reference"]
        case = case_by_reference(reference=reference)
        if case is None:
            raise CommandError(
                f"There is no case with the reference {reference!r}. Check it and try again.",
                returncode=USAGE_ERROR,
            )
        try:
            pdf, issued = letter_reprint(
                case=case, kind=options["kind"], large_print=options["large_print"]
            )
        except (LetterError, RuleBroken) as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from error
        out: Path = options["out"]
        out.write_bytes(pdf)
        source = (
            f"as issued on {issued.created_at:%d %B %Y} (template version "
            f"{issued.template_version})"
            if issued is not None
            else "from the case as it stands (not issued yet)"
        )
        self.stdout.write(f"Wrote {out} ({len(pdf)} bytes): {options['kind']} {source}.")
