"""Back-office pages for Ombudsman cases, learning, restrictions, adjustments, children's
safeguards, closure days.
"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
