"""The public site's background work, through Django's `django.tasks` API only.

Asking for a sign-in link does the same work in the request whether or not the reference
and the email address match: it only queues this task. Looking the pair up and writing
the email happen here, in the worker, so the response time says nothing about a match.
"""

from __future__ import annotations

from django.db import transaction
from django.tasks import task
from django.urls import reverse

from putright.cases import selectors
from putright.public import emails, signin


@task()
def sign_in_link_send(*, reference: str, email: str, site: str) -> bool:
    """Email a sign-in link if `reference` and `email` belong to one case; True if sent.

    `site` is the scheme and host the person used ("https://complaints.example.gov.uk"),
    for the link.
    """
    case = selectors.case_for_sign_in(reference=reference, email=email)
    if case is None:
        return False
    token = signin.link_token(case_id=case.pk, email=email)
    with transaction.atomic():
        emails.sign_in_link_send(
            case=case,
            to=email.strip().lower(),
            link=site.rstrip("/") + reverse("public:follow_sign_in", args=[token]),
            minutes=signin.link_minutes(),
        )
    return True
