"""Background tasks, through Django's `django.tasks` API only.

Which backend runs them (the database by default, RQ with PUTRIGHT_TASKS=redis) is a
setting; nothing here knows or imports a backend.
"""

from typing import Any

from django.tasks import task

from putright.notifications.selectors import outbox_next_due_at
from putright.notifications.services import new_worker_id, outbox_drain


@task()
def deliver_outbox() -> dict[str, Any]:
    """Send everything due in the outbox; come back when the next retry falls due."""
    report = outbox_drain(worker_id=f"task:{new_worker_id()}")
    # Only a run that did work schedules a follow-up, so follow-ups do not multiply: one
    # chain lives while messages wait for a retry, and ends when the outbox is empty.
    if report.claimed and deliver_outbox.get_backend().supports_defer:
        next_due = outbox_next_due_at()
        if next_due is not None:
            deliver_outbox.using(run_after=next_due).enqueue()
    return report.as_dict()
