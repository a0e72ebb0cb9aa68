"""Settings a new user trips over: a sqlite:/// DATABASE_URL, and who emails come from."""

from __future__ import annotations

from django.conf import settings

from config.settings.base import database_from_url


def test_a_sqlite_database_url_keeps_the_settings_server_worker_and_scheduler_need() -> None:
    database = database_from_url("sqlite:////srv/putright/db.sqlite3")

    assert database["NAME"] == "/srv/putright/db.sqlite3"
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] == 30
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_a_postgres_database_url_keeps_connections_a_minute() -> None:
    database = database_from_url("postgres://putright@db.internal:5432/putright")

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_MAX_AGE"] == 60


def test_emails_come_from_the_council_not_webmaster_at_localhost() -> None:
    assert settings.DEFAULT_FROM_EMAIL == (
        "Northfield Council complaints <complaints@council.example>"
    )
    assert settings.SERVER_EMAIL == settings.DEFAULT_FROM_EMAIL
