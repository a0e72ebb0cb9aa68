"""The satisfaction survey after a complaint is closed (Tenant Satisfaction Measure TP09).

The token is made here and returned once, for the email; only its hash is stored. Answering
is one conditional UPDATE, so a link works once even when two answers race.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from putright.cases.models import Case, SatisfactionSurvey
from putright.cases.models.survey import SATISFACTION_ANSWERS
from putright.cases.services._base import InvalidInput
from putright.core import clock


class SurveyNotFound(Exception):
    """No survey has this link."""


class SurveyAlreadyAnswered(Exception):
    """The link has been used: a survey is answered once."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def satisfaction_survey_create(
    *, case: Case, on: date | None = None
) -> tuple[SatisfactionSurvey, str]:
    """A survey for `case` and the token for its link (shown once, never stored)."""
    token = secrets.token_urlsafe(32)
    survey = SatisfactionSurvey.objects.create(
        case=case, token_hash=_hash(token), sent_on=on or clock.today(), process=case.process
    )
    return survey, token


def satisfaction_survey_for(*, token: str) -> SatisfactionSurvey:
    """The survey of a link; raises SurveyNotFound or SurveyAlreadyAnswered."""
    survey = SatisfactionSurvey.objects.filter(token_hash=_hash(token)).first()
    if survey is None:
        raise SurveyNotFound
    if survey.answered_on is not None:
        raise SurveyAlreadyAnswered
    return survey


def satisfaction_survey_answer(*, token: str, answer: int, on: date | None = None) -> None:
    """Record the answer; raises InvalidInput for an answer off the scale, SurveyNotFound, or
    SurveyAlreadyAnswered when the link was used before (nothing changes then)."""
    if answer not in dict(SATISFACTION_ANSWERS):
        raise InvalidInput("Choose how satisfied you are.")
    updated = SatisfactionSurvey.objects.filter(
        token_hash=_hash(token), answered_on__isnull=True
    ).update(answer=answer, answered_on=on or clock.today())
    if updated != 1:
        satisfaction_survey_for(token=token)  # raises the reason
        raise SurveyAlreadyAnswered
