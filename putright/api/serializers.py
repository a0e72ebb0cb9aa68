"""What the API reads and writes, as serializers (they are also the OpenAPI schema)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rest_framework import serializers as rf

from putright.cases.models import Officer, OutstandingAction, Remedy, Service
from putright.cases.models.case import CASE_KINDS, CHANNELS
from putright.core import clock

PERSON_METHODS = [("email", "Email"), ("phone", "Phone"), ("letter", "Letter"), ("text", "Text")]


class PersonIn(rf.Serializer):
    name = rf.CharField(max_length=200)
    email = rf.EmailField(required=False, allow_blank=True, default="")
    phone = rf.CharField(max_length=40, required=False, allow_blank=True, default="")
    address = rf.CharField(max_length=2000, required=False, allow_blank=True, default="")
    postcode = rf.CharField(max_length=10, required=False, allow_blank=True, default="")
    is_tenant_or_leaseholder = rf.BooleanField(required=False, default=False)
    preferred_contact_method = rf.ChoiceField(PERSON_METHODS, required=False, default="email")


class ContactIn(rf.Serializer):
    channel = rf.ChoiceField(CHANNELS)
    kind = rf.ChoiceField(CASE_KINDS, required=False, default="complaint")
    service = rf.SlugRelatedField(
        slug_field="code", queryset=Service.objects.filter(is_active=True)
    )
    person = PersonIn()
    text = rf.CharField(max_length=20000)
    summary = rf.CharField(max_length=300, required=False, allow_blank=True, default="")
    outcomes_sought = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")
    aware_on = rf.DateField(required=False, allow_null=True, default=None)
    received_at = rf.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When the contact reached the council (default: now).",
    )

    def validate_received_at(self, value: Any) -> Any:
        now = clock.now()
        if value is not None and not (now - timedelta(days=3650) <= value <= now):
            raise rf.ValidationError("Give a time in the last ten years, not in the future.")
        return value

    def validate_aware_on(self, value: Any) -> Any:
        if value is not None and value.year < clock.today().year - 50:
            raise rf.ValidationError("Give a date in the last fifty years.")
        return value


class DeadlineOut(rf.Serializer):
    name = rf.CharField()
    due = rf.DateField(allow_null=True)
    state = rf.ChoiceField(["pending", "at_risk", "met", "missed", "on_hold"])


class PersonOut(rf.Serializer):
    name = rf.CharField()
    email = rf.CharField()


class CaseSummaryOut(rf.Serializer):
    reference = rf.CharField()
    kind = rf.CharField()
    channel = rf.CharField()
    status = rf.CharField()
    stage = rf.IntegerField()
    service = rf.CharField(source="service.code")
    process = rf.CharField()
    received_on = rf.DateField()
    summary = rf.CharField()
    next_deadline_on = rf.DateField(allow_null=True)
    next_deadline_name = rf.CharField()
    version = rf.IntegerField(
        help_text="Send it back with a move to refuse acting on a stale read."
    )


class CaseOut(CaseSummaryOut):
    aware_on = rf.DateField(allow_null=True)
    closed_on = rf.DateField(allow_null=True)
    ombudsman = rf.CharField()
    person = PersonOut()
    deadlines = DeadlineOut(many=True, help_text="Every deadline of the case, with its state.")
    allowed_moves = rf.ListField(child=rf.CharField(), help_text="The moves the policy allows now.")


class ContactOut(rf.Serializer):
    replayed = rf.BooleanField(help_text="True when an earlier request with this key made it.")
    case = CaseSummaryOut()


class RemedyOut(rf.ModelSerializer):
    # Integer fields declared here: a model field's range differs by database, the schema
    # must not.
    stage = rf.IntegerField(min_value=1)

    class Meta:
        model = Remedy
        fields = (
            "id",
            "stage",
            "kind",
            "description",
            "amount",
            "state",
            "offered_on",
            "accepted_on",
            "declined_on",
            "delivered_on",
            "replaced_with",
        )


class RemedyIn(rf.Serializer):
    kind = rf.ChoiceField(Remedy.KINDS)
    description = rf.CharField(max_length=5000)
    amount = rf.DecimalField(
        max_digits=9, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )


class RemedyUpdateIn(rf.Serializer):
    state = rf.ChoiceField([s for s in Remedy.STATES if s[0] != "offered"])
    replaced_with = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ActionOut(rf.ModelSerializer):
    update_every_days = rf.IntegerField(min_value=1)

    class Meta:
        model = OutstandingAction
        fields = (
            "id",
            "description",
            "owner_kind",
            "owner_name",
            "due_on",
            "update_every_days",
            "last_update_on",
            "completed_on",
            "created_on",
        )


class ActionIn(rf.Serializer):
    description = rf.CharField(max_length=5000)
    contractor = rf.CharField(
        max_length=200,
        required=False,
        default="",
        help_text="The contractor who owns the action; empty: the council's officer (you).",
    )
    officer = rf.PrimaryKeyRelatedField(
        queryset=Officer.objects.filter(is_active=True), required=False, allow_null=True
    )
    due_on = rf.DateField()
    update_every_days = rf.IntegerField(min_value=1, max_value=60, required=False, default=10)


class ActionUpdateIn(rf.Serializer):
    text = rf.CharField(max_length=5000)
    completed = rf.BooleanField(required=False, default=False)


class ServiceOut(rf.ModelSerializer):
    class Meta:
        model = Service
        fields = ("code", "name", "process", "landlord_function")


class OfficerOut(rf.ModelSerializer):
    class Meta:
        model = Officer
        fields = ("id", "name", "job_title", "is_independent")


class ExclusionOut(rf.Serializer):
    code = rf.CharField()
    title = rf.CharField()


class ReferenceOut(rf.Serializer):
    services = ServiceOut(many=True)
    officers = OfficerOut(many=True)
    exclusions = ExclusionOut(many=True)
    channels = rf.ListField(child=rf.CharField())
    kinds = rf.ListField(child=rf.CharField())


class EventOut(rf.Serializer):
    id = rf.IntegerField()
    case = rf.CharField(source="case.reference")
    at = rf.DateTimeField()
    actor = rf.CharField(source="actor_label")
    action = rf.CharField()
    summary = rf.CharField()


class EventPageOut(rf.Serializer):
    events = EventOut(many=True)
    next_cursor = rf.IntegerField(help_text="Ask again with ?after= this to get what follows.")


class CaseFilters(rf.Serializer):
    status = rf.CharField(required=False, max_length=30)
    service = rf.CharField(required=False, max_length=50)
    kind = rf.ChoiceField(CASE_KINDS, required=False)
    process = rf.CharField(required=False, max_length=40)
    received_from = rf.DateField(required=False)
    received_to = rf.DateField(required=False)


class EventsQuery(rf.Serializer):
    after = rf.IntegerField(min_value=0, max_value=2**62, required=False, default=0)
    limit = rf.IntegerField(min_value=1, max_value=500, required=False, default=100)


class AttachmentsIn(rf.Serializer):
    subject = rf.CharField(max_length=300, help_text="What the files are, e.g. 'Photos of damp'.")
    channel = rf.ChoiceField(CHANNELS, required=False, default="email")
    files = rf.ListField(child=rf.FileField(), min_length=1, max_length=20)


class AttachmentOut(rf.Serializer):
    id = rf.IntegerField()
    original_name = rf.CharField()
    content_type = rf.CharField()
    size = rf.IntegerField()
    received_at = rf.DateTimeField(source="correspondence.at")
    subject = rf.CharField(source="correspondence.subject")
