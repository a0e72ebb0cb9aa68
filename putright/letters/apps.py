from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "putright.letters"
    verbose_name = "Letters"

    def ready(self) -> None:
        # The case record's retention calls back here: issued letters hold the person's
        # name, address and words, and are redacted with the rest of the case.
        from putright.cases.services.retention import retention_hook
        from putright.letters.services import letters_forget_anonymised

        retention_hook(letters_forget_anonymised)
