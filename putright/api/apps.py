from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "putright.api"
    label = "api"
    verbose_name = "REST API"
