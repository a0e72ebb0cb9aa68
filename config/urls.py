"""URL map: each app owns its own urls module."""

from django.contrib import admin
from django.urls import include, path

from putright.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("putright.public.urls")),
    path("satisfaction/", include("putright.reports.survey_views")),
    path("staff/reports/", include("putright.reports.urls")),
    path("staff/", include("putright.staff.urls")),
    path("api/v1/", include("putright.api.urls")),
    path("admin/", admin.site.urls),
]

# The council's 500 page, or the 503 page when the database or disk is away.
handler500 = "putright.core.views.server_error"
