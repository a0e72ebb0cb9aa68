"""Back-office pages for the response composer's drafts, approval and the ledger."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
