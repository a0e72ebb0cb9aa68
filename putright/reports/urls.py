"""The reports' addresses, under /staff/reports/ beside the back office's own reports."""

from django.urls import path

from putright.reports import annual_views, assessment_views, record_views, views

app_name = "reports"
urlpatterns = [
    path("", annual_views.hub, name="hub"),
    path("annual/", annual_views.annual_report, name="annual"),
    path("annual/report.pdf", annual_views.annual_report_pdf, name="annual-pdf"),
    path("annual/<int:year>/response/", record_views.governing_response, name="response"),
    path("annual/<int:year>/analysis/", record_views.narrative, name="narrative"),
    path(
        "annual/<int:year>/publications/add/",
        record_views.publication_add,
        name="publication-add",
    ),
    path(
        "annual/publications/<int:pk>/",
        record_views.publication_change,
        name="publication-change",
    ),
    path("governance-pack/", annual_views.governance_pack, name="pack"),
    path("governance-pack/pack.pdf", annual_views.governance_pack_pdf, name="pack-pdf"),
    path("performance/", views.dashboard, name="dashboard"),
    path("performance/download.csv", views.dashboard_download, {"fmt": "csv"}, name="csv"),
    path("performance/download.xlsx", views.dashboard_download, {"fmt": "xlsx"}, name="xlsx"),
    path("cases/", views.cases_behind, name="cases"),
    path("learning/", views.learning_log, name="learning"),
    path("self-assessment/", assessment_views.self_assessment, name="self-assessment"),
    path(
        "self-assessment/<slug:code_id>/<int:year>/download.docx",
        assessment_views.self_assessment_download,
        {"fmt": "docx"},
        name="self-assessment-docx",
    ),
    path(
        "self-assessment/<slug:code_id>/<int:year>/download.pdf",
        assessment_views.self_assessment_download,
        {"fmt": "pdf"},
        name="self-assessment-pdf",
    ),
    path(
        "self-assessment/<slug:code_id>/<int:year>/<str:ref>/",
        assessment_views.self_assessment_answer,
        name="self-assessment-answer",
    ),
    path(
        "self-assessment/<slug:code_id>/<int:year>/<str:ref>/history/",
        assessment_views.self_assessment_history,
        name="self-assessment-history",
    ),
    path("tenant-satisfaction/", views.tenant_satisfaction, name="tenant-satisfaction"),
    path(
        "tenant-satisfaction/download.csv",
        views.tenant_satisfaction_download,
        {"fmt": "csv"},
        name="tsm-csv",
    ),
    path(
        "tenant-satisfaction/download.xlsx",
        views.tenant_satisfaction_download,
        {"fmt": "xlsx"},
        name="tsm-xlsx",
    ),
]
