from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "putright.cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        # The working-day calendar is the configuration's plus the closure days kept here.
        from putright.cases.services.calendar import closure_days_in_force
        from putright.core.policy import closure_days_source

        closure_days_source(closure_days_in_force)
