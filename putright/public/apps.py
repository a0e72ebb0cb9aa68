from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "putright.public"
    label = "public"
    verbose_name = "Public site"
