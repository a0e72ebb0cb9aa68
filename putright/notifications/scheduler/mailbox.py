"""The complaints mailbox as a scheduled job: read at every wake-up of the scheduler's loop
(not once a day), when the mailbox is configured. The poll itself is putright.mailbox's."""

from __future__ import annotations

from putright.mailbox.conf import mailbox_settings
from putright.mailbox.poll import mailbox_poll
from putright.notifications.scheduler.base import JobContext, JobResult


def mailbox_job(ctx: JobContext) -> JobResult:
    if not mailbox_settings().configured:
        return JobResult("mailbox_poll", skipped="no mailbox configured")
    return JobResult("mailbox_poll", note=mailbox_poll().describe().removeprefix("mailbox_poll: "))
