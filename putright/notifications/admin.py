"""The outbox in the Django admin: read-only, with staff's one action, "try again"."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from putright.notifications.models import OutboxMessage
from putright.notifications.services import NotFailed, outbox_retry


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin[OutboxMessage]):
    list_display = ["created_at", "kind", "to_address", "case_reference", "state", "attempts"]
    list_filter = ["state", "kind", "channel"]
    search_fields = ["message_id", "case_reference", "to_address"]
    exclude = ["body_html"]
    actions = ["retry"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("notifications.change_outboxmessage")

    @admin.action(description="Try the selected failed messages again", permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        retried = 0
        # One transaction, so one delivery task for all of them.
        with transaction.atomic():
            for message in queryset:
                try:
                    outbox_retry(message=message)
                except NotFailed:
                    continue
                retried += 1
        self.message_user(request, f"{retried} message(s) queued again.", messages.SUCCESS)
