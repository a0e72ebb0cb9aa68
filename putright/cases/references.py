"""CU references: `CU` + 7 random digits + a Damm check digit.

The Damm check digit catches every single mistyped digit and every swap of two adjacent
digits. The digits are random, not sequential, so one person's reference says nothing about
anyone else's.
"""

import re
import secrets

PREFIX = "CU"
BODY_DIGITS = 7
PATTERN = re.compile(r"^CU\d{8}$")

# The totally anti-symmetric quasigroup of order 10 from Damm (2004).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def damm_digit(digits: str) -> int:
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][int(ch)]
    return interim


def reference_generate() -> str:
    """A new random reference; the caller checks it is not taken."""
    body = f"{secrets.randbelow(9 * 10 ** (BODY_DIGITS - 1)) + 10 ** (BODY_DIGITS - 1)}"
    return f"{PREFIX}{body}{damm_digit(body)}"


def reference_normalise(text: str) -> str:
    """What a person typed, as a reference: upper case, spaces and dashes removed."""
    return re.sub(r"[\s-]", "", text).upper()


def reference_is_valid(text: str) -> bool:
    """True when `text` is a well-formed reference whose check digit is right."""
    reference = reference_normalise(text)
    return bool(PATTERN.match(reference)) and damm_digit(reference[2:]) == 0
