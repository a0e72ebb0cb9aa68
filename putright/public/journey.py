"""The give-feedback journey: which pages it has, in what order, and the answers so far.

Answers live in the session as the raw text each page posted, page by page. A page is
complete when its raw answer still passes its form *now*: so changing an earlier answer
(choosing "by letter" after giving no address) sends the person back to the page that no
longer holds, and nothing typed is ever lost. Which pages apply depends only on the
answers to earlier pages.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest, QueryDict
from django.urls import reverse

from putright.cases import selectors
from putright.cases.models import Service
from putright.core import clock
from putright.core.policy import policy_config
from putright.policy.lifecycle import is_out_of_time
from putright.public import forms as pf
from putright.public import uploads
from putright.web.forms import DATE_PARTS, DateInputField

SESSION_KEY = "putright_feedback"
COMPLAINT_LIKE = ("complaint", "service_request")


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[pf.QuestionForm]
    applies: Callable[[Journey], bool] = lambda journey: True

    @property
    def url(self) -> str:
        if not self.slug:
            return reverse("public:feedback_start")
        return reverse("public:feedback_step", args=[self.slug])


def _complaint_like(j: Journey) -> bool:
    return j.kind() in COMPLAINT_LIKE


def _late(j: Journey) -> bool:
    aware = j.value("when", "aware_on")
    if not _complaint_like(j) or not isinstance(aware, date):
        return False
    return is_out_of_time(clock.today(), aware, policy_config().time_limits)


def _someone(j: Journey) -> bool:
    return _complaint_like(j) and j.for_someone()


def _landlord(j: Journey) -> bool:
    service = j.service()
    return _complaint_like(j) and service is not None and service.landlord_function


STEPS: tuple[Step, ...] = (
    Step("", pf.KindForm),
    Step("service", pf.ServiceForm),
    Step("what-happened", pf.DetailsForm),
    Step("when", pf.AwareForm, _complaint_like),
    Step("more-than-12-months-ago", pf.LateForm, _late),
    Step("outcome", pf.OutcomeForm, _complaint_like),
    Step("someone-else", pf.SomeoneElseForm, _complaint_like),
    Step("relationship", pf.RelationshipForm, _someone),
    Step("consent", pf.ConsentForm, _someone),
    Step(
        "consent-upload",
        pf.ConsentUploadForm,
        lambda j: _someone(j) and j.value("consent", "consent") in pf.CONSENT_UPLOADED,
    ),
    Step("tenant", pf.TenantForm, _landlord),
    Step("adjustments", pf.AdjustmentsForm, _complaint_like),
    Step("contact-method", pf.ContactMethodForm, _complaint_like),
    Step("contact-frequency", pf.ContactFrequencyForm, _complaint_like),
    Step("their-details", pf.TheirDetailsForm, _someone),
    Step("your-details", pf.RepresentativeDetailsForm, _someone),
    Step("your-details", pf.YourDetailsForm, lambda j: not _someone(j)),
    Step("attachments", pf.AttachmentsForm),
)
CHECK = "check-your-answers"
FILE_STEPS = ("consent-upload", "attachments")


def step_by_slug(slug: str, journey: Journey) -> Step | None:
    """The page at `slug` (the applicable one, where two share a slug), or None."""
    candidates = [s for s in STEPS if s.slug == slug]
    for step in candidates:
        if step.applies(journey):
            return step
    return candidates[0] if candidates else None


def _raw(data: QueryDict | Mapping[str, Any], form: forms.Form) -> dict[str, list[str]]:
    """The posted text of `form`'s own fields, as lists (a date posts three boxes)."""
    raw: dict[str, list[str]] = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        keys = (
            [f"{name}_{part}" for part in DATE_PARTS]
            if isinstance(field, DateInputField)
            else [name]
        )
        for key in keys:
            values = data.getlist(key) if isinstance(data, QueryDict) else data.get(key, [])
            raw[key] = [str(v) for v in values]
    return raw


def _as_querydict(raw: Mapping[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in raw.items():
        data.setlist(key, list(values))
    return data


def _initial(raw: Mapping[str, list[str]], form: forms.Form) -> dict[str, Any]:
    """What to show in an unbound form from the raw answer: exactly what was typed."""
    initial: dict[str, Any] = {}
    for name, field in form.fields.items():
        if isinstance(field, DateInputField):
            initial[name] = [next(iter(raw.get(f"{name}_{p}", [])), "") for p in DATE_PARTS]
        elif isinstance(field, forms.MultipleChoiceField):
            initial[name] = list(raw.get(name, []))
        elif name in raw:
            initial[name] = next(iter(raw[name]), "")
    return initial


class Journey:
    """One person's feedback journey, read from and written to their session."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        stored = request.session.get(SESSION_KEY)
        self.store: dict[str, Any] = stored if isinstance(stored, dict) else {}
        self.store.setdefault("answers", {})
        self.store.setdefault("files", [])
        # Names this journey, so sending it twice makes one case (putright.public.once).
        self.store.setdefault("id", secrets.token_urlsafe(12))
        self._cleaned: dict[str, dict[str, Any] | None] = {}
        self._services: list[Service] | None = None

    # --- reading answers -------------------------------------------------------------

    def services(self) -> list[Service]:
        if self._services is None:
            self._services = list(selectors.services_offered())
        return self._services

    def raw(self, slug: str) -> dict[str, list[str]] | None:
        answer = self.store["answers"].get(slug)
        return answer if isinstance(answer, dict) else None

    def cleaned(self, slug: str) -> dict[str, Any] | None:
        """The page's answer, validated now; None when missing or no longer valid."""
        if slug not in self._cleaned:
            self._cleaned[slug] = None  # no recursion through a page's own answer
            step = step_by_slug(slug, self)
            raw = self.raw(slug)
            if step is not None and raw is not None:
                form = step.form(data=_as_querydict(raw), journey=self)
                self._cleaned[slug] = form.cleaned_data if form.is_valid() else None
        return self._cleaned[slug]

    def value(self, slug: str, field: str, default: Any = None) -> Any:
        cleaned = self.cleaned(slug)
        return default if cleaned is None else cleaned.get(field, default)

    def kind(self) -> str:
        return str(self.value("", "kind", "") or "")

    def for_someone(self) -> bool:
        return self.kind() in COMPLAINT_LIKE and self.value("someone-else", "for_someone") == "yes"

    def contact_method(self) -> str:
        return str(self.value("contact-method", "method", "") or "")

    def service(self) -> Service | None:
        code = self.value("service", "service")
        return next((s for s in self.services() if s.code == code), None)

    def files(self) -> list[dict[str, Any]]:
        return [f for f in self.store["files"] if isinstance(f, dict)]

    def consent_file(self) -> dict[str, Any] | None:
        parked = self.store.get("consent_file")
        return parked if isinstance(parked, dict) else None

    # --- the order of pages ----------------------------------------------------------

    def steps(self) -> list[Step]:
        return [step for step in STEPS if step.applies(self)]

    def complete(self, step: Step) -> bool:
        if step.slug == "consent-upload":
            parked = self.consent_file()
            return parked is not None and uploads.is_parked(parked)
        return self.cleaned(step.slug) is not None

    def first_incomplete(self) -> Step | None:
        return next((step for step in self.steps() if not self.complete(step)), None)

    def next_url(self, slug: str, *, returning: bool) -> str:
        """Where to go after answering `slug`: the next page, or back to check your
        answers when changing an answer (unless the change opened a page not yet done)."""
        missing = self.first_incomplete()
        if returning:
            return missing.url if missing else reverse("public:feedback_check")
        steps = self.steps()
        slugs = [s.slug for s in steps]
        if slug in slugs and slugs.index(slug) + 1 < len(steps):
            following = steps[slugs.index(slug) + 1]
            if missing is None or slugs.index(missing.slug) >= slugs.index(following.slug):
                return following.url
        return missing.url if missing else reverse("public:feedback_check")

    def back_url(self, slug: str, *, returning: bool) -> str:
        if returning:
            return reverse("public:feedback_check")
        slugs = [s.slug for s in self.steps()]
        if slug == CHECK:
            return self.steps()[-1].url
        if slug in slugs and slugs.index(slug) > 0:
            return self.steps()[slugs.index(slug) - 1].url
        return reverse("home")

    def may_show(self, slug: str) -> bool:
        """A page can be shown once every page before it is complete."""
        for step in self.steps():
            if step.slug == slug:
                return True
            if not self.complete(step):
                return False
        return slug == CHECK

    # --- writing answers -------------------------------------------------------------

    def answer(self, step: Step, data: QueryDict, form: forms.Form) -> None:
        self.store["answers"][step.slug] = _raw(data, form)
        self._cleaned.clear()
        self.save()

    def initial(self, step: Step) -> dict[str, Any]:
        raw = self.raw(step.slug)
        if raw is None:
            return {}
        return _initial(raw, step.form(journey=self))

    def file_add(self, parked: dict[str, Any]) -> None:
        self.store["files"].append(parked)
        self.save()

    def file_remove(self, file_id: str) -> None:
        keep = []
        for parked in self.files():
            if parked.get("id") == file_id:
                uploads.discard(parked)
            else:
                keep.append(parked)
        self.store["files"] = keep
        self.save()

    def consent_file_set(self, parked: dict[str, Any] | None) -> None:
        old = self.consent_file()
        if old is not None:
            uploads.discard(old)
        self.store["consent_file"] = parked
        self.save()

    def id(self) -> str:
        return str(self.store["id"])

    def save(self) -> None:
        self.request.session[SESSION_KEY] = self.store
        self.request.session.modified = True

    def finish(self) -> None:
        """Forget the answers (the files were handed over to the case)."""
        self.request.session.pop(SESSION_KEY, None)
