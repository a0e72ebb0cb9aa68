"""A deploy check Django does not have: the static files were collected.

With the manifest storage production uses, every {% static %} tag looks its file up in
the manifest `collectstatic` writes. Without it every page is a 500, so `check --deploy`
says so first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.staticfiles, deploy=True)
def static_files_collected(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    backend = str(settings.STORAGES.get("staticfiles", {}).get("BACKEND", ""))
    if "Manifest" not in backend:
        return []
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        return []
    return [
        Warning(
            f"The static files have not been collected ({manifest} is missing): every page "
            "would fail.",
            hint="Run `manage.py collectstatic --noinput` (docs/operations.md, step 4).",
            id="putright.W001",
        )
    ]
