"""The permission matrix and the query counts of the case work pages and actions: who may
log correspondence, download a file or an issued letter, on which case."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from putright.cases.models import Attachment, Case, Correspondence
from putright.cases.services import SYSTEM, representative_add
from putright.core import clock
from putright.letters.services import letter_issue
from tests.staff.personas import Council, complaint_at_stage1
from tests.staff.test_permissions import HIDDEN, OK, REDIRECT, REFUSED, ROLES, Cases, cases
from tests.staff.test_query_counts import queries_for

__all__ = ["cases"]  # the permission matrix's fixture, used here too


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def a_file(case: Case, name: str = "note.txt") -> Attachment:
    letter = Correspondence.objects.create(
        case=case, direction="in", channel="phone", at=timezone.now(), subject="A call"
    )
    row = Attachment(correspondence=letter, original_name=name, content_type="text/plain", size=5)
    row.file.save("random.txt", ContentFile(b"hello"), save=False)
    row.save()
    return row


SEE_A = {
    "complaints": OK,
    "priya": OK,
    "tom": OK,
    "sam": HIDDEN,
    "manager": OK,
    "insight": OK,
    "governance": REFUSED,
}
ACT_ON_A = {**SEE_A, "tom": REFUSED, "insight": REFUSED}

# (name, method, path with {a}/{r}/{file}, expected status per role)
PAGES: list[tuple[str, str, str, dict[str, int]]] = [
    ("log correspondence form", "get", "/staff/cases/{a}/correspondence/", ACT_ON_A),
    (
        "log correspondence",
        "post",
        "/staff/cases/{a}/correspondence/",
        {**ACT_ON_A, "complaints": REDIRECT, "priya": REDIRECT, "manager": REDIRECT},
    ),
    ("download a file", "get", "/staff/cases/{a}/files/{file}/", SEE_A),
    ("download an issued letter", "get", "/staff/cases/{a}/letters/{letter}/pdf/", SEE_A),
    (
        "the print-and-post queue",
        "get",
        "/staff/letters/post/",
        {**dict.fromkeys(ROLES, REFUSED), "complaints": OK},
    ),
    ("add a representative form", "get", "/staff/cases/{a}/representatives/add/", ACT_ON_A),
    (
        "add a representative",
        "post",
        "/staff/cases/{a}/representatives/add/",
        {**ACT_ON_A, "complaints": REDIRECT, "priya": REDIRECT, "manager": REDIRECT},
    ),
    ("record consent form", "get", "/staff/cases/{a}/representatives/{rep}/consent/", ACT_ON_A),
    ("change a representative", "get", "/staff/cases/{a}/representatives/{rep}/change/", ACT_ON_A),
    ("end a representative", "get", "/staff/cases/{a}/representatives/{rep}/end/", ACT_ON_A),
    (
        "download a file of a restricted case",
        "get",
        "/staff/cases/{r}/files/{rfile}/",
        {**dict.fromkeys(ROLES, HIDDEN), "governance": REFUSED},
    ),
]
MATRIX = [(name, role) for name, *_ in PAGES for role in ROLES]


def _data(name: str) -> dict[str, object]:
    if name == "add a representative":
        return {"name": "Sue Advocate", "relationship": "advocate", "consent_state": "outstanding"}
    if name == "log correspondence":
        today = clock.today()
        return {
            "kind": "note",
            "on_day": today.day,
            "on_month": today.month,
            "on_year": today.year,
            "summary": "Spoke to the repairs manager",
        }
    return {}


@pytest.mark.parametrize(("page", "role"), MATRIX, ids=[f"{p}-{r}" for p, r in MATRIX])
def test_each_role_is_allowed_or_refused_case_work(
    page: str, role: str, cases: Cases, client_for: Callable[[str], Client]
) -> None:
    name, method, path, expected = next(p for p in PAGES if p[0] == page)
    url = path.format(
        a=cases.a.reference,
        r=cases.r.reference,
        file=a_file(cases.a).pk,
        rfile=a_file(cases.r).pk,
        letter=letter_issue(case=cases.a, kind="acknowledgement", actor=SYSTEM).pk
        if "{letter}" in path
        else 0,
        rep=representative_add(
            case=cases.a, actor=SYSTEM, name="Sue Advocate", relationship="advocate"
        ).pk
        if "{rep}" in path
        else 0,
    )

    # Posts carry the version of the case the page showed, as the real forms do.
    data = {**_data(name), "version": Case.objects.get(pk=cases.a.pk).version}
    response = getattr(client_for(role), method)(url, data if method == "post" else _data(name))

    assert response.status_code == expected[role], response.content.decode()[:2000]


def test_a_refused_log_writes_nothing(cases: Cases, client_for: Callable[[str], Client]) -> None:
    before = Correspondence.objects.count()

    client_for("tom").post(
        f"/staff/cases/{cases.a.reference}/correspondence/", _data("log correspondence")
    )

    assert Correspondence.objects.count() == before


def test_the_case_page_with_correspondence_and_files_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for("priya")
    case = complaint_at_stage1(council)
    a_file(case)
    url = f"/staff/cases/{case.reference}/"
    one = queries_for(client, url)
    for i in range(49):
        a_file(case, name=f"note {i}.txt")

    assert queries_for(client, url) == one


def test_the_log_form_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for("priya")
    case = complaint_at_stage1(council)
    url = f"/staff/cases/{case.reference}/correspondence/"
    one = queries_for(client, url)
    for _ in range(20):
        a_file(case)

    assert queries_for(client, url) == one


@pytest.mark.parametrize(
    "slug",
    [
        "correspondence/",
        "representatives/add/",
        "representatives/{rep}/change/",
        "representatives/{rep}/end/",
        "representatives/{rep}/consent/",
        "contractor/ask/",
    ],
)
def test_each_case_work_form_runs_a_fixed_number_of_queries(
    slug: str, council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for("priya")
    case = complaint_at_stage1(council)
    rep = representative_add(case=case, actor=SYSTEM, name="Sue Advocate", relationship="carer")
    url = f"/staff/cases/{case.reference}/{slug.format(rep=rep.pk)}"
    a_file(case)
    one = queries_for(client, url)
    for i in range(20):
        a_file(case, name=f"more {i}.txt")
        representative_add(case=case, actor=SYSTEM, name=f"Rep {i}", relationship="friend")

    assert queries_for(client, url) == one


def test_the_intake_form_and_the_inbox_run_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    from tests.staff.personas import complaint_new

    client = client_for("complaints")
    complaint_new(council)
    one = queries_for(client, "/staff/inbox/")
    for i in range(20):
        complaint_new(council, text=f"Another matter {i}")

    assert queries_for(client, "/staff/inbox/") == one
