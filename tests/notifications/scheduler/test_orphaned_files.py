"""Files a server killed mid-upload (or an abandoned journey) leaves on disk with no case:
the daily "orphaned_files" job deletes them once they are a day old, and nothing else."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from pytest_django.fixtures import Settings

from putright.cases.models import Attachment, Correspondence, SubmissionOnce
from putright.core import clock
from putright.notifications.scheduler import scheduler_run
from tests.cases.factories import ServiceFactory
from tests.public.cases import submitted
from tests.public.journey_data import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def stored(media: Path, name: str, *, hours_old: float) -> Path:
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"personal data")
    when = (clock.now() - dt.timedelta(hours=hours_old)).timestamp()
    os.utime(path, (when, when))
    return path


def test_it_deletes_day_old_files_no_case_holds_and_keeps_the_rest(media: Path) -> None:
    case = submitted(ServiceFactory(code="waste", name="Waste", process="corporate"))
    kept = Attachment(
        correspondence=Correspondence.objects.create(
            case=case, direction="in", channel="web", at=clock.now(), subject="Files"
        ),
        original_name="photo.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    kept.file.save("attachments/2026/12/held.pdf", ContentFile(PDF), save=True)
    held = media / kept.file.name
    os.utime(held, (0, 0))
    killed_mid_save = stored(media, "attachments/2026/12/no-row.pdf", hours_old=25)
    abandoned = stored(media, "pending/abandoned.pdf", hours_old=30)
    in_progress = stored(media, "pending/still-going.pdf", hours_old=1)

    (result,) = scheduler_run(jobs=["orphaned_files"])

    assert result.removed == 2
    assert not killed_mid_save.exists()
    assert not abandoned.exists()
    assert held.exists()
    assert in_progress.exists()


def test_it_forgets_day_old_claims_of_forms_sent_once(media: Path) -> None:
    SubmissionOnce.objects.create(key="old", created_at=clock.now() - dt.timedelta(hours=25))
    SubmissionOnce.objects.create(key="new", created_at=clock.now())

    scheduler_run(jobs=["orphaned_files"])

    assert list(SubmissionOnce.objects.values_list("key", flat=True)) == ["new"]
