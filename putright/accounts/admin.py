"""Staff roles and named access to restricted cases, managed in the admin."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from putright.accounts.models import CaseAccess, StaffProfile

User = get_user_model()


class StaffProfileInline(admin.StackedInline):  # type: ignore[type-arg]
    model = StaffProfile
    can_delete = False
    fk_name = "user"


class StaffUserAdmin(UserAdmin):  # type: ignore[type-arg]
    inlines = [StaffProfileInline]


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin[StaffProfile]):
    list_display = ["user", "role", "service", "is_active"]
    list_filter = ["role", "service", "is_active"]
    list_select_related = ["user", "service"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(CaseAccess)
class CaseAccessAdmin(admin.ModelAdmin[CaseAccess]):
    list_display = ["case", "user", "reason", "granted_by", "granted_at"]
    list_select_related = ["case", "user", "granted_by"]
    raw_id_fields = ["case", "user", "granted_by"]
    search_fields = ["case__reference", "user__username"]
