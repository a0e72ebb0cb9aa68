"""Walking the feedback journey with Django's test client."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.test.client import Client as _Client


def step_url(slug: str) -> str:
    return "/feedback/" if not slug else f"/feedback/{slug}/"


def walk(
    client: Client | _Client, answers: dict[str, dict[str, Any]], *, start: str = ""
) -> list[str]:
    """Answer each page in turn (from `start`); fail if a page does not lead to the next
    one given. Returns the pages visited, in order.
    """
    visited = []
    url = step_url(start)
    slugs = list(answers)
    slugs = slugs[slugs.index(start) :]
    for index, slug in enumerate(slugs):
        assert url == step_url(slug), f"expected {step_url(slug)}, went to {url}"
        page = client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        response = client.post(url, answers[slug])
        assert response.status_code == 302, (url, response.status_code, _errors(response))
        url = response["Location"]
        visited.append(slug)
        if index == len(slugs) - 1 and slug == "attachments":
            assert url == "/feedback/check-your-answers/", url
    return visited


def _errors(response: Any) -> str:
    content = response.content.decode()
    if "govuk-error-summary" not in content:
        return ""
    return content.split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
