"""Reference data managed by the complaints team in the admin: services, teams, officers."""

from django.conf import settings
from django.db import models

PROCESS_CHOICES = [
    ("corporate", "Corporate complaints"),
    ("housing", "Housing (landlord) complaints"),
    ("childrens_social_care", "Children's social care (statutory)"),
    ("adult_social_care", "Adult social care (statutory)"),
]


class Service(models.Model):
    """A council service that complaints are about; it decides the process a case runs."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    process = models.CharField(max_length=40, choices=PROCESS_CHOICES, default="corporate")
    # Landlord functions of a council that is a social landlord go to the Housing Ombudsman.
    landlord_function = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    # Who hears when this service's cases miss a deadline: the service manager, or a mailbox
    # they read. Empty: the complaints team is told instead.
    manager_email = models.EmailField(
        blank=True,
        help_text="Overdue alerts for this service's cases go here (the service manager).",
    )
    # A quality check before a response goes out (like HOCS's QA step): the officer sends
    # the draft to a service manager, who approves and issues it or returns it.
    responses_need_approval = models.BooleanField(
        default=False,
        help_text="A service manager approves each stage response before it is issued.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    name = models.CharField(max_length=200)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Officer(models.Model):
    """A member of staff who can be given a case, or an independent person bought in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="officer",
        null=True,
        blank=True,
    )
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="officers", null=True, blank=True
    )
    # Children's stage 2 needs an independent investigating officer; stage 3 an independent
    # panel (Children Act 1989 Representations Procedure Regulations 2006).
    is_independent = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LetterContact(models.Model):
    """Contact details printed on letters: the complaints team's address, phone, email."""

    name = models.CharField(max_length=200, default="Complaints team")
    address = models.TextField()
    phone = models.CharField(max_length=40)
    email = models.EmailField()
    is_current = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name
