"""The public site is an interface: it owns no models; everything it stores goes through
putright.cases.services."""

from django.apps import apps
from django.test import Client


def test_the_public_site_owns_no_models() -> None:
    assert list(apps.get_app_config("public").get_models()) == []


def test_the_start_page_links_to_following_feedback_and_the_single_page_form(
    client: Client,
) -> None:
    page = client.get("/").content.decode()

    assert '<a class="govuk-link" href="/follow/">follow your feedback online</a>' in page
    assert '<a class="govuk-link" href="/complaints/new/">use the single-page' in page
