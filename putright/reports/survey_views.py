"""The satisfaction survey a resident answers from the emailed link: no account, once.

GET shows the Regulator's TP09 question; POST records the answer. A used or unknown link
gets a page that says so plainly (410 Gone, 404 Not Found) and changes nothing.
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from putright.cases.models.survey import SATISFACTION_ANSWERS
from putright.cases.services import InvalidInput
from putright.cases.services.survey import (
    SurveyAlreadyAnswered,
    SurveyNotFound,
    satisfaction_survey_answer,
    satisfaction_survey_for,
)

QUESTION = "How satisfied or dissatisfied are you with our approach to complaints handling?"


class SurveyForm(forms.Form):
    answer = forms.TypedChoiceField(
        label=QUESTION,
        choices=SATISFACTION_ANSWERS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how satisfied you are",
            "invalid_choice": "Choose how satisfied you are",
        },
    )


def _used(request: HttpRequest) -> HttpResponse:
    return render(request, "survey/used.html", status=410)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        satisfaction_survey_for(token=token)
    except SurveyNotFound:
        return render(request, "survey/not_found.html", status=404)
    except SurveyAlreadyAnswered:
        return _used(request)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                satisfaction_survey_answer(token=token, answer=form.cleaned_data["answer"])
        except SurveyAlreadyAnswered:
            return _used(request)
        except (InvalidInput, SurveyNotFound):
            form.add_error("answer", "Choose how satisfied you are")
        else:
            return render(request, "survey/thanks.html")
    status = 400 if form.errors else 200
    return render(request, "survey/answer.html", {"form": form}, status=status)


app_name = "survey"
urlpatterns = [path("<str:token>/", answer, name="answer")]
