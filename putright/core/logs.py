"""One JSON object per log line, for production (LOG_FORMAT=json).

Log messages in PutRight name cases by reference and jobs by name, never a person's name,
address or what they wrote; this formatter adds only the time, level and logger, and the
exception's type (not its text, which could quote data) when there is one.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = record.exc_info[0].__name__
        return json.dumps(line, ensure_ascii=False)


# Paths whose last part is a credential (a one-time sign-in link, a confirmation link).
_SECRET_PATHS = re.compile(r"^(/follow/sign-in/|/feedback/sent/|/complaints/sent/)[^/]+")


def access_log_line(
    *, method: str, path: str, status: str, size: int | None, milliseconds: int
) -> str:
    """gunicorn's access log line: JSON, the path without its query string (searches can
    hold names) and with link tokens replaced, so the log holds no personal data."""
    return json.dumps(
        {
            "time": datetime.now(tz=UTC).isoformat(timespec="milliseconds"),
            "type": "request",
            "method": method,
            "path": _SECRET_PATHS.sub(r"\1…", path),
            "status": int(status) if str(status).isdigit() else status,
            "bytes": size or 0,
            "ms": milliseconds,
        },
        ensure_ascii=False,
    )
