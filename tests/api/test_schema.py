"""The OpenAPI contract: committed, valid, declaring problem details on every operation,
and in step with the code."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from putright.api.problems import PROBLEM_TYPE

COMMITTED = Path(__file__).resolve().parents[2] / "putright" / "api" / "openapi.yaml"
REGENERATE = (
    "DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python manage.py spectacular "
    "--validate --fail-on-warn --file putright/api/openapi.yaml"
)


def generated() -> str:
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    return out.getvalue()


def test_the_committed_schema_is_what_the_code_generates() -> None:
    assert generated() == COMMITTED.read_text(), f"The API changed: run `{REGENERATE}`."


def test_every_operation_declares_problem_details_for_its_errors() -> None:
    schema = yaml.safe_load(COMMITTED.read_text())
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            errors = {code for code in operation["responses"] if code.startswith(("4", "5"))}
            assert {"400", "401", "403", "404", "422", "429"} <= errors, (method, path)
            for code in errors:
                assert PROBLEM_TYPE in operation["responses"][code]["content"], (method, path)


@pytest.mark.django_db
def test_the_schema_and_its_docs_are_served_without_a_cdn(client: pytest.FixtureRequest) -> None:
    from django.test import Client

    web = Client()
    schema = web.get("/api/v1/schema")
    assert schema.status_code == 200
    docs = web.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/redoc" in html
    assert "cdn" not in html.lower() and "https://" not in html.split("<body")[0]
