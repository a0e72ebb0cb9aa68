"""Text that people type, made safe to print.

Unicode's bidirectional controls (right-to-left override, embeddings, isolates, marks)
are invisible, and in a name or a file name they reverse what follows: "invoice\u202efdp.exe"
shows as "invoiceexe.pdf" on screen and in letters. Nobody needs them in a name, so names
and file names are stored without them.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(text: str) -> str:
    """`text` with every bidirectional control character removed."""
    return BIDI_CONTROLS.sub("", text)


def printable_name(text: str) -> str:
    """A name as stored: no bidirectional controls, no surrounding space."""
    return without_bidi_controls(text).strip()
