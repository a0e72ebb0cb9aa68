"""A test-only page that shows every form component, so the browser tests can check a
form page with errors (axe, focus from the error summary) before any journey exists.

Used with `@pytest.mark.urls("tests.journeys.gallery_urls")`.
"""

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from tests.web.example_forms import FeedbackForm

PAGE = (Path(__file__).parent / "gallery.html").read_text(encoding="utf-8")


def gallery(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST, request.FILES) if request.method == "POST" else FeedbackForm()
    sent = form.is_bound and form.is_valid()
    rows = (
        [
            {
                "key": "Full name",
                "value": form.cleaned_data["full_name"],
                "href": "#",
                "hidden": "name",
            },
            {"key": "What happened", "value": form.cleaned_data["details"]},
        ]
        if sent
        else []
    )
    template = engines["django"].from_string(PAGE)
    return HttpResponse(template.render({"form": form, "sent": sent, "rows": rows}, request))


urlpatterns = [path("gallery/", gallery, name="gallery"), *site_urlpatterns]
