"""factory_boy factories for the case record, with named personas."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from putright.cases import models
from putright.cases.references import reference_generate


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Service
        django_get_or_create = ("code",)

    code = "housing-repairs"
    name = "Housing repairs"
    process = "housing"
    landlord_function = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"officer{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@northfield.example.gov.uk")


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Officer

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Officer {n}")
    job_title = "Team Manager"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    name = "Margaret Wilson"
    email = "margaret.wilson@example.org"
    is_tenant_or_leaseholder = True


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Case

    reference = factory.LazyFunction(reference_generate)
    kind = "complaint"
    channel = "web"
    received_on = dt.date(2026, 11, 2)
    person = factory.SubFactory(PersonFactory)
    service = factory.SubFactory(ServiceFactory)
    process = "housing"
    policy_version = "housing@2024-04-01"
    status = "received"


class TimelineEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TimelineEvent

    case = factory.SubFactory(CaseFactory)
    at = factory.LazyFunction(timezone.now)
    actor_label = "Test"
    action = "test"
    summary = "Something happened"
