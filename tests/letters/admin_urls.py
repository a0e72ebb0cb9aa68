"""The admin alone, so the template-editing tests depend on nothing else's URLs."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
