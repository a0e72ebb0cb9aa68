from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "putright.notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # The case record's retention calls back here: the outbox keeps copies of what was
        # sent about a case, and they go with the case's personal data.
        from putright.cases.services.retention import retention_hook
        from putright.notifications.services import outbox_forget_anonymised

        retention_hook(outbox_forget_anonymised)
