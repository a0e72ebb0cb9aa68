"""/api/v1/: the operations, the OpenAPI schema and its human docs (served from our own
static files)."""

from django.urls import path, re_path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from putright.api import views
from putright.api.problems import not_found

app_name = "api"

urlpatterns = [
    path("schema", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs",
        # Redoc styles itself at run time and searches in a worker made from a blob: the
        # docs page alone allows those; scripts stay our own files, never inline.
        csp_override(
            {
                "default-src": [CSP.SELF],
                "script-src": [CSP.SELF],
                "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
                "img-src": [CSP.SELF, "data:"],
                "font-src": [CSP.SELF],
                "connect-src": [CSP.SELF],
                "worker-src": [CSP.SELF, "blob:"],
                "object-src": [CSP.NONE],
                "base-uri": [CSP.SELF],
                "form-action": [CSP.SELF],
                "frame-ancestors": [CSP.NONE],
            }
        )(SpectacularRedocView.as_view(url_name="api:schema", template_name="api/docs.html")),
        name="docs",
    ),
    path("contacts", views.ContactsView.as_view(), name="contacts"),
    path("cases", views.CaseListView.as_view(), name="cases"),
    path("cases/<str:reference>", views.CaseDetailView.as_view(), name="case"),
    path("cases/<str:reference>/remedies", views.RemediesView.as_view(), name="remedies"),
    path(
        "cases/<str:reference>/remedies/<int:remedy_id>",
        views.RemedyView.as_view(),
        name="remedy",
    ),
    path("cases/<str:reference>/actions", views.ActionsView.as_view(), name="actions"),
    path("cases/<str:reference>/attachments", views.AttachmentsView.as_view(), name="attachments"),
    path(
        "cases/<str:reference>/actions/<int:action_id>/updates",
        views.ActionUpdateView.as_view(),
        name="action-update",
    ),
    *[
        path(f"cases/<str:reference>/{slug}", view.as_view(), name=f"move-{slug}")
        for slug, view in views.MOVE_VIEWS.items()
    ],
    path("reference", views.ReferenceView.as_view(), name="reference"),
    path("events", views.EventsView.as_view(), name="events"),
    re_path(r"^[\s\S]*$", not_found),  # any character, newlines included
]
