from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured

from putright.policy.errors import PolicyConfigError


class CoreConfig(AppConfig):
    name = "putright.core"
    verbose_name = "PutRight"

    def ready(self) -> None:
        # Refuse to start on a broken policy configuration rather than compute wrong dates.
        from putright.core import checks  # noqa: F401 - registers the deploy checks
        from putright.core.policy import complaint_codes, policy_config

        try:
            policy_config()
            complaint_codes()
        except PolicyConfigError as exc:
            raise ImproperlyConfigured(f"Policy configuration is broken: {exc}") from exc
