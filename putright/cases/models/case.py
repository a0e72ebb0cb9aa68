"""The case and the contacts that open or join it."""

from django.db import models

from putright.cases.models.people import Person
from putright.cases.models.reference import PROCESS_CHOICES, Officer, Service
from putright.cases.models.reporting import TENURES

CHANNELS = [
    ("web", "Online form"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("letter", "Letter"),
    ("in_person", "In person"),
    ("contractor", "Via a contractor"),
    ("mp_councillor", "MP or councillor"),
]

CASE_KINDS = [
    ("complaint", "Complaint"),
    ("service_request", "Service request"),
    ("comment", "Comment"),
    ("compliment", "Compliment"),
    ("mp_councillor_enquiry", "MP or councillor enquiry"),
]


class Contact(models.Model):
    """Anything that comes in, from any channel, before and after triage."""

    channel = models.CharField(max_length=20, choices=CHANNELS)
    received_at = models.DateTimeField()
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contacts", null=True)
    summary = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    service = models.ForeignKey(Service, on_delete=models.PROTECT, null=True, blank=True)
    aware_on = models.DateField(null=True, blank=True)
    outcomes_sought = models.TextField(blank=True)
    # Filled at triage.
    kind = models.CharField(max_length=40, blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)
    triage_reason = models.TextField(blank=True)
    exclusion_code = models.CharField(max_length=60, blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    logged_by = models.ForeignKey(
        Officer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["triaged_at", "received_at"], name="contact_triage_queue")]


class Case(models.Model):
    """One piece of feedback and everything done about it.

    `status` and `stage` are decided by the policy core (putright.policy.lifecycle) and only
    ever changed by a service in putright.cases.services. `version` is the optimistic lock.
    """

    reference = models.CharField(max_length=12, unique=True)
    kind = models.CharField(max_length=40, choices=CASE_KINDS)
    channel = models.CharField(max_length=20, choices=CHANNELS)
    received_on = models.DateField()
    aware_on = models.DateField(null=True, blank=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="cases")
    process = models.CharField(max_length=40, choices=PROCESS_CHOICES)
    policy_version = models.CharField(max_length=60)
    landlord_matter = models.BooleanField(default=False)
    status = models.CharField(max_length=30, db_index=True)
    stage = models.PositiveSmallIntegerField(default=1)
    status_before_hold = models.CharField(max_length=30, blank=True)
    status_before_exclusion = models.CharField(max_length=30, blank=True)
    exclusion_code = models.CharField(max_length=60, blank=True)
    exclusion_reasons = models.TextField(blank=True)
    ombudsman = models.CharField(max_length=40, blank=True)  # decided at registration
    summary = models.CharField(max_length=300, blank=True)
    # Discretion recorded when the complaint came in more than 12 months after awareness.
    late_complaint_reason = models.TextField(blank=True)
    # More than the configured months from awareness to receipt (001 s.6): set at intake
    # so the inbox shows it before anyone acknowledges; still a complaint, at discretion.
    out_of_time = models.BooleanField(default=False)
    # Restricted cases (e.g. a member of staff complaining) are seen only by named people.
    restricted = models.BooleanField(default=False)
    # Triage flags (issue 12): vulnerable people's cases come first in the inbox; the
    # reason is for the officers handling the case, never a letter.
    vulnerable = models.BooleanField(default=False)
    vulnerability_reason = models.TextField(blank=True)
    complexity = models.CharField(
        max_length=10,
        choices=[("simple", "Simple"), ("standard", "Standard"), ("complex", "Complex")],
        blank=True,
    )
    # Denormalised from the policy core's deadlines so work queues sort without computing.
    next_deadline_on = models.DateField(null=True, blank=True)
    next_deadline_name = models.CharField(max_length=60, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_on = models.DateField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # Themes (Housing Ombudsman Code 9.4): chosen at acknowledgement, reported by selectors.
    category = models.ForeignKey(
        "cases.Category", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sub_category = models.ForeignKey(
        "cases.Category", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The home's tenure for housing complaints: the Tenant Satisfaction Measures count rented
    # homes and shared ownership separately (CH01). Empty: not recorded.
    tenure = models.CharField(max_length=20, choices=TENURES, blank=True)

    class Meta:
        indexes = [
            # The id breaks ties in the queue's order, so the index serves the whole ORDER BY
            # and a page of a million cases stays a short index range scan.
            models.Index(
                fields=["status", "next_deadline_on", "id"], name="case_queue_by_deadline_id"
            ),
            models.Index(fields=["service", "status"], name="case_service_status"),
            # Reports count cases received in a period by service, kind, channel and
            # category: on PostgreSQL an index-only scan of this index (issue 13).
            models.Index(
                fields=["received_on"],
                include=["service", "process", "kind", "channel", "category", "exclusion_code"],
                name="case_received_reports",
            ),
            # Reports group stage events by their case's process and service: the join reads
            # this narrow index instead of the case rows (PostgreSQL index-only scan).
            models.Index(
                fields=["id"],
                include=["process", "service", "tenure"],
                name="case_process_reports",
            ),
            # Complaints refused in a period, by exclusion reason: the few excluded cases
            # only (issue 13).
            models.Index(
                fields=["received_on"],
                include=["exclusion_code", "service", "process"],
                condition=~models.Q(exclusion_code=""),
                name="case_refused_reports",
            ),
            # The Tenant Satisfaction Measures: one process's cases received in a period,
            # by kind and tenure (CH01).
            models.Index(
                fields=["process", "received_on"],
                include=["kind", "tenure"],
                name="case_process_received",
            ),
            # The counts page: open cases by status and service, read from the index alone
            # (only the open statuses' range of it).
            models.Index(fields=["status", "service"], name="case_status_service"),
        ]

    def __str__(self) -> str:
        return self.reference


class CaseLink(models.Model):
    KINDS = [
        ("related", "Related case"),
        ("raised_from", "Complaint raised from a service request"),
    ]
    from_case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="links_out")
    to_case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="links_in")
    kind = models.CharField(max_length=20, choices=KINDS)
    created_at = models.DateTimeField(auto_now_add=True)


class Representative(models.Model):
    """Someone acting for the person: MP, councillor, advocate, carer, family member."""

    RELATIONSHIPS = [
        ("mp", "MP"),
        ("councillor", "Councillor"),
        ("advocate", "Advocate"),
        ("carer", "Carer"),
        ("family", "Family member"),
        ("friend", "Friend"),
        ("solicitor", "Solicitor"),
        ("other", "Other"),
    ]
    CONSENT_STATES = [
        ("not_needed", "Not needed"),
        ("outstanding", "Outstanding"),
        ("to_check", "Received, to check"),
        ("received", "Received"),
        ("refused", "Refused"),
    ]
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="representatives")
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    relationship = models.CharField(max_length=20, choices=RELATIONSHIPS)
    consent_state = models.CharField(max_length=20, choices=CONSENT_STATES, default="outstanding")
    consent_evidence = models.TextField(blank=True)
    consent_recorded_on = models.DateField(null=True, blank=True)
    receives_response = models.BooleanField(default=True)
    ended_on = models.DateField(null=True, blank=True)  # no longer acts for the person

    # Until an officer has the person's written consent in hand (a form uploaded online
    # waits to be checked), nothing may be disclosed to the representative and no response
    # issued (001 "Definition of a complaint").
    CONSENT_BLOCKING = ("outstanding", "to_check")
