"""Back-office pages for correspondence, letters and files, representatives and consent,
contractors, service requests, the print-and-post queue.
"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
