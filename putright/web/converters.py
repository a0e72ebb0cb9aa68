"""A URL converter for row ids that a database can hold.

Django's `int` converter takes any run of digits, and a 25-digit id then overflows the
database's bigint (OverflowError on SQLite, a DataError on PostgreSQL): a 500 where a 404
is right. `id` matches at most 18 digits, below 2**63, so anything longer is simply a page
that does not exist.
"""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


# Registered once, on import, by every urls module that uses <id:...>.
register_converter(IdConverter, "id")
