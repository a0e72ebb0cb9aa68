"""Keys that say "this is the same form, sent again" (putright.cases.services.once).

A double click, a refresh that re-posts, or three posts sent at once carry the same key,
so only the first makes a case. The feedback journey has its own random id; a one-page
form or added information is known by who sent what, and on which day.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from putright.core import clock


def key_for(scope: str, **sent: Any) -> str:
    """A digest of `scope`, today's date and what was sent (names and values)."""
    text = json.dumps(
        {"scope": scope, "on": clock.today().isoformat(), **sent}, sort_keys=True, default=str
    )
    return hashlib.sha256(text.encode()).hexdigest()
