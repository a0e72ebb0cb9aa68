"""Reference data in the Django admin. Case work never happens here: it goes through the
services, which ask the policy core and write the timeline."""

from django.contrib import admin

from putright.cases.models import (
    Category,
    HousingStock,
    LetterContact,
    Officer,
    RootCause,
    Service,
    Team,
)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin[Service]):
    list_display = [
        "name",
        "code",
        "process",
        "landlord_function",
        "responses_need_approval",
        "is_active",
    ]
    list_filter = ["process", "landlord_function", "is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ["name", "service"]
    list_select_related = ["service"]
    list_filter = ["service"]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin[Officer]):
    list_display = ["name", "job_title", "team", "is_independent", "is_active"]
    list_select_related = ["team"]
    list_filter = ["is_independent", "is_active", "team__service"]
    search_fields = ["name", "email"]


@admin.register(LetterContact)
class LetterContactAdmin(admin.ModelAdmin[LetterContact]):
    list_display = ["name", "phone", "email", "is_current"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    """The taxonomy of complaints: retire a category (not active) rather than delete it, so
    past cases keep their theme."""

    list_display = ["name", "parent", "code", "is_active"]
    list_select_related = ["parent"]
    list_filter = ["is_active", "parent"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(RootCause)
class RootCauseAdmin(admin.ModelAdmin[RootCause]):
    list_display = ["name", "code", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(HousingStock)
class HousingStockAdmin(admin.ModelAdmin[HousingStock]):
    """Homes owned each year: the denominator of the Tenant Satisfaction Measure CH01."""

    list_display = ["__str__", "rented_homes", "shared_ownership_homes"]
