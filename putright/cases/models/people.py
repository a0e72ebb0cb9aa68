"""People: who complains, who represents them, and what we must honour when we contact them."""

from django.db import models


class Person(models.Model):
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    housing_reference = models.CharField(max_length=40, blank=True)  # tenancy or account
    # Decides the Ombudsman for landlord matters (Housing Ombudsman Scheme).
    is_tenant_or_leaseholder = models.BooleanField(default=False)
    preferred_contact_method = models.CharField(
        max_length=20,
        choices=[
            ("email", "Email"),
            ("phone", "Phone"),
            ("letter", "Letter"),
            ("text", "Text message"),
        ],
        default="email",
    )
    contact_frequency = models.CharField(max_length=200, blank=True)
    is_staff_member = models.BooleanField(default=False)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ReasonableAdjustment(models.Model):
    """Equality Act 2010: recorded, honoured in every letter and contact, kept under review."""

    KINDS = [
        ("large_print", "Large print"),
        ("braille", "Braille"),
        ("audio", "Audio (letters read aloud)"),
        ("bsl", "British Sign Language"),
        ("interpreter", "Interpreter"),
        ("easy_read", "Easy read"),
        ("other", "Other"),
    ]
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(max_length=20, choices=KINDS)
    detail = models.CharField(max_length=300, blank=True)  # e.g. the language for an interpreter
    review_on = models.DateField(null=True, blank=True)
    last_reviewed_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    ended_on = models.DateField(null=True, blank=True)


class DisclosedDisability(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disabilities")
    description = models.TextField()
    review_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)


class Restriction(models.Model):
    """A proportionate, reasoned restriction for unacceptable behaviour, with a review date."""

    SCOPES = [
        ("phone", "Phone calls"),
        ("email", "Email"),
        ("in_person", "Visits in person"),
        ("single_point", "One named contact only"),
        ("written_only", "Written contact only"),
        ("all", "All contact channels"),
    ]
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="restrictions")
    restriction = models.TextField()
    reason = models.TextField()
    # Which contact method or channel it covers (001, unacceptable behaviour).
    scope = models.CharField(max_length=20, choices=SCOPES, blank=True)
    starts_on = models.DateField()
    review_on = models.DateField()
    last_reviewed_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)


class EqualityMonitoring(models.Model):
    """Optional, confidential answers. Read only through the aggregate selector."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="+")
    age_band = models.CharField(max_length=30, blank=True)
    sex = models.CharField(max_length=30, blank=True)
    gender_identity_same_as_birth = models.CharField(max_length=30, blank=True)
    disability = models.CharField(max_length=30, blank=True)
    ethnicity = models.CharField(max_length=60, blank=True)
    religion = models.CharField(max_length=60, blank=True)
    sexual_orientation = models.CharField(max_length=60, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
