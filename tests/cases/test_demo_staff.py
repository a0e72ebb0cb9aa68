"""The demo council's staff: only the complaints team may open the Django admin."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.mark.django_db
def test_only_the_complaints_team_is_staff_for_the_admin() -> None:
    call_command("seed_demo", "--cases", "5", stdout=StringIO())

    admin_users = list(
        get_user_model().objects.filter(is_staff=True).values_list("username", flat=True)
    )

    assert admin_users == ["complaints.team"]
    assert get_user_model().objects.filter(is_staff=False).count() >= 5
