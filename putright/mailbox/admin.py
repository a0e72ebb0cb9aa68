from django.contrib import admin

from putright.mailbox.models import MailboxMessage


@admin.register(MailboxMessage)
class MailboxMessageAdmin(admin.ModelAdmin[MailboxMessage]):
    """What the mailbox did with each message; held ones say why, for a person to act."""

    list_display = ("read_at", "sender", "subject", "outcome", "case")
    list_filter = ("outcome",)
    search_fields = ("sender", "subject", "key")
    readonly_fields = [f.name for f in MailboxMessage._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
