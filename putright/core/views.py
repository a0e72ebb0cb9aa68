"""Pages that belong to no journey: the start page, the accessibility statement, the
privacy notice and the health check."""

import datetime
import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache

from putright.core import health
from putright.core.middleware import is_unavailable, unavailable_response

# The accessibility statement must say when it was prepared and reviewed and when the
# service was last tested (the GOV.UK model statement). Update these with each review.
ACCESSIBILITY_STATEMENT_PREPARED = datetime.date(2026, 11, 23)
ACCESSIBILITY_STATEMENT_REVIEWED = datetime.date(2026, 11, 23)
ACCESSIBILITY_LAST_TESTED = datetime.date(2026, 11, 23)
PRIVACY_NOTICE_UPDATED = datetime.date(2026, 11, 23)


def home(request: HttpRequest) -> HttpResponse:
    """The GOV.UK start page for giving feedback."""
    return render(request, "core/home.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (Public Sector Bodies Accessibility Regulations 2018)."""
    return render(
        request,
        "core/accessibility.html",
        {
            "prepared_on": ACCESSIBILITY_STATEMENT_PREPARED,
            "reviewed_on": ACCESSIBILITY_STATEMENT_REVIEWED,
            "tested_on": ACCESSIBILITY_LAST_TESTED,
        },
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice for people who give feedback (UK GDPR Articles 13 and 14)."""
    return render(request, "core/privacy.html", {"updated_on": PRIVACY_NOTICE_UPDATED})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when every check passes, else 503 naming
    each failing part (putright.core.health says what each check proves)."""
    checks = health.health_report()
    failing = sorted(name for name, answer in checks.items() if answer != health.OK)
    body = {"status": "failing" if failing else "ok", "failing": failing, "checks": checks}
    return JsonResponse(body, status=503 if failing else 200)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. A fault raised outside a view (the session read in a middleware while the
    database restarts) still gets the 503 page, not a 500; anything else, the 500 page."""
    if is_unavailable(sys.exc_info()[1]):
        return unavailable_response()
    return defaults.server_error(request)
