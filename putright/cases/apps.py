from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "putright.cases"
    verbose_name = "Cases"
