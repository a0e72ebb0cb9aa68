"""The public site's browser tests: an empty rate-limit cache, a scratch folder for
uploads, and the demo council's services, for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from pytest_django.fixtures import Settings

from putright.cases.models import Service
from tests.cases.factories import ServiceFactory


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def council_services(transactional_db: None) -> dict[str, Service]:
    return {
        code: ServiceFactory(code=code, name=name, process=process, landlord_function=landlord)
        for code, name, process, landlord in [
            ("housing-repairs", "Housing repairs", "housing", True),
            ("waste", "Waste and recycling", "corporate", False),
            ("council-tax", "Council tax", "corporate", False),
        ]
    }


@pytest.fixture(autouse=True)
def letter_templates(transactional_db: None) -> None:
    """Browser tests flush the database between tests, taking the letter templates a data
    migration seeded: seed them again, as the migration does."""
    from putright.letters.models import LetterTemplate
    from tests.journeys.letter_seeding import letter_templates_seed

    if not LetterTemplate.objects.exists():
        letter_templates_seed()
