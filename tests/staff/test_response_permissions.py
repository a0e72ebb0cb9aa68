"""Who may write, preview and approve a response, and the composer's fixed query count.

The same council and cases as test_permissions.py: case A is Priya's housing complaint at
stage 1 (housing responses need approval here), with a draft sent for approval.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from putright.cases import services
from putright.cases.models import Attachment, Case, Contact, Correspondence, TimelineEvent
from tests.staff.personas import Council, complaint_at_stage1
from tests.staff.test_query_counts import queries_for

ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
OK, REFUSED, HIDDEN = 200, 403, 404

# (page, path, expected status per role)
PAGES = [
    (
        "composer",
        "/staff/cases/{a}/respond/",
        {
            "complaints": OK,
            "priya": OK,
            "tom": REFUSED,
            "sam": HIDDEN,
            "manager": OK,
            "insight": REFUSED,
            "governance": REFUSED,
        },
    ),
    (
        "preview",
        "/staff/cases/{a}/response/preview/",
        {
            "complaints": OK,
            "priya": OK,
            "tom": REFUSED,
            "sam": HIDDEN,
            "manager": OK,
            "insight": REFUSED,
            "governance": REFUSED,
        },
    ),
    (
        "approval",
        "/staff/cases/{a}/response/approval/",
        {
            "complaints": REFUSED,
            "priya": REFUSED,
            "tom": REFUSED,
            "sam": HIDDEN,
            "manager": OK,
            "insight": REFUSED,
            "governance": REFUSED,
        },
    ),
]
MATRIX = [(page, role) for page, _, _ in PAGES for role in ROLES]


@pytest.fixture
def case_a(council: Council) -> Case:
    council.housing.responses_need_approval = True
    council.housing.save(update_fields=["responses_need_approval"])
    case = complaint_at_stage1(council, officer="priya")
    from tests.staff.test_response_composer import composer_post

    content = {k: v for k, v in composer_post(case, "submit").items() if k != "action"}
    services.response_draft_submit(case=case, actor=council["priya"].actor, content=content)
    return case


@pytest.mark.parametrize(("page", "role"), MATRIX, ids=[f"{p}-{r}" for p, r in MATRIX])
def test_each_role_may_or_may_not_write_preview_and_approve(
    page: str, role: str, case_a: Case, client_for: Callable[[str], Client]
) -> None:
    _, path, expected = next(p for p in PAGES if p[0] == page)

    response = client_for(role).get(path.format(a=case_a.reference))

    assert response.status_code == expected[role], response.content.decode()[:1000]


@pytest.mark.parametrize("role", ["priya", "complaints", "tom", "insight"])
def test_only_a_service_manager_approves_or_returns(
    role: str, case_a: Case, client_for: Callable[[str], Client]
) -> None:
    for action in ("approve", "return"):
        response = client_for(role).post(
            f"/staff/cases/{case_a.reference}/response/approval/",
            {"action": action, "comment": "No"},
        )
        assert response.status_code == REFUSED
    assert case_a.response_drafts.get().state == "awaiting_approval"


def test_someone_who_may_not_act_cannot_save_a_draft(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_at_stage1(council, officer="priya")
    response = client_for("tom").post(
        f"/staff/cases/{case.reference}/respond/", {"action": "save", "reasons": "Mine now"}
    )
    assert response.status_code == REFUSED
    assert not case.response_drafts.exists()


def _grow(case: Case, n: int) -> None:
    now = timezone.now()
    for i in range(n):
        Contact.objects.create(channel="web", received_at=now, text=f"More {i}", case=case)
        letter = Correspondence.objects.create(
            case=case, direction="in", channel="email", at=now, body=f"Email {i}"
        )
        Attachment.objects.create(
            correspondence=letter,
            file=f"attachments/{i}.pdf",
            original_name=f"photo-{i}.jpg",
            content_type="image/jpeg",
            size=1000,
        )
    TimelineEvent.objects.bulk_create(
        TimelineEvent(case=case, at=now, actor_label="Test", action="note", summary=f"Note {i}")
        for i in range(n)
    )


@pytest.mark.parametrize("page", ["respond/", "response/approval/"])
def test_the_composer_and_approval_pages_run_a_fixed_number_of_queries(
    page: str, case_a: Case, client_for: Callable[[str], Client]
) -> None:
    client = client_for("manager")
    url = f"/staff/cases/{case_a.reference}/{page}"
    _grow(case_a, 1)
    one = queries_for(client, url)
    _grow(case_a, 49)

    assert queries_for(client, url) == one
