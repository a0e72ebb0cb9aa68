from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "putright.notifications"
    verbose_name = "Notifications"
