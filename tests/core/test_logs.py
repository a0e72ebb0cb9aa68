"""Production logs: one JSON object per line, and nothing personal in them."""

from __future__ import annotations

import json
import logging

from putright.core.logs import JsonFormatter, access_log_line


def test_a_request_line_has_no_query_string_and_no_link_token() -> None:
    line = json.loads(
        access_log_line(
            method="GET",
            path="/follow/sign-in/eyJjIjo0MiwiZSI6ImFkYUBleGFtcGxlLm9yZyJ9/",
            status="200",
            size=512,
            milliseconds=12,
        )
    )

    assert line["type"] == "request"
    assert line["path"] == "/follow/sign-in/…/"
    assert (line["status"], line["bytes"], line["ms"]) == (200, 512, 12)


def test_a_log_record_is_one_json_line_naming_the_exception_type_only() -> None:
    try:
        raise ValueError("Ada Lovelace, 1 High Street")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "putright.x",
            logging.ERROR,
            __file__,
            1,
            "job %s failed",
            ("retention",),
            sys.exc_info(),
        )

    text = JsonFormatter().format(record)

    assert "\n" not in text
    line = json.loads(text)
    assert line["message"] == "job retention failed"
    assert line["exception"] == "ValueError"
    assert "Lovelace" not in text
