from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "putright.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self) -> None:
        from django.contrib import admin

        from putright.accounts.admin_site import StaffAdminSite

        # The admin is a staff tool too: it asks for the same two-factor sign-in.
        admin.site.__class__ = StaffAdminSite
