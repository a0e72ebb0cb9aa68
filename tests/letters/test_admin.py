"""The complaints team edits templates in the admin: every save is a new, checked version."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from putright.letters.models import LetterTemplate
from putright.letters.selectors import letter_template_current

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.letters.admin_urls")]


@pytest.fixture
def admin_client_signed_in(client: Client) -> Client:
    user = get_user_model().objects.create_superuser(
        username="jess.walker", email="jess@example.org", password="not-used-here-1"
    )
    client.force_login(user)
    return client


def _post(client: Client, template: LetterTemplate, **changes: str):  # type: ignore[no-untyped-def]
    data = {
        "kind": template.kind,
        "subject": template.subject,
        "body": template.body,
        "note": "",
        **changes,
    }
    return client.post(f"/admin/letters/lettertemplate/{template.pk}/change/", data)


def test_saving_an_edit_adds_a_version_and_keeps_the_old_one(
    admin_client_signed_in: Client,
) -> None:
    first = letter_template_current(kind="comment_thanks")
    response = _post(
        admin_client_signed_in,
        first,
        body=first.body.replace("help us to improve", "help us to do better"),
        note="Plainer words",
    )
    assert response.status_code == 302
    versions = list(
        LetterTemplate.objects.filter(kind="comment_thanks").values_list("version", "note")
    )
    assert versions == [(2, "Plainer words"), (1, first.note)]
    current = letter_template_current(kind="comment_thanks")
    assert "help us to do better" in current.body and current.created_by == "jess.walker"
    first.refresh_from_db()
    assert "help us to improve" in first.body


def test_a_template_with_code_is_shown_as_an_error_and_not_saved(
    admin_client_signed_in: Client,
) -> None:
    first = letter_template_current(kind="comment_thanks")
    response = _post(admin_client_signed_in, first, body=first.body + "{{ ''.__class__ }}")
    assert response.status_code == 200
    assert "&#x27;__class__&#x27; is internal" in response.content.decode()
    assert LetterTemplate.objects.filter(kind="comment_thanks").count() == 1


def test_templates_cannot_be_deleted_in_the_admin(admin_client_signed_in: Client) -> None:
    first = letter_template_current(kind="comment_thanks")
    response = admin_client_signed_in.post(
        f"/admin/letters/lettertemplate/{first.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert LetterTemplate.objects.filter(pk=first.pk).exists()
