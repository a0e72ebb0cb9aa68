"""The case page's casework part: its partials' context (see putright.staff.case_page)."""

from __future__ import annotations

from typing import Any

from putright.staff.case_page import PageInput


def context(page: PageInput) -> dict[str, Any]:
    return {}
