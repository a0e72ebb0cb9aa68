"""What happens at each stage: definition, officer, clocks, extensions, decisions."""

from django.db import models

from putright.cases.models.case import Case
from putright.cases.models.reference import Officer

DECISIONS = [("upheld", "Upheld"), ("partly_upheld", "Partly upheld"), ("not_upheld", "Not upheld")]


class ComplaintDefinition(models.Model):
    """The complaint as agreed with the person, per stage (Housing Ombudsman Code 5.1)."""

    STATES = [
        ("draft", "Draft"),
        ("clarification_asked", "Clarification asked"),
        ("agreed", "Agreed with the person"),
    ]
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="definitions")
    stage = models.PositiveSmallIntegerField()
    outcomes_sought = models.TextField()
    council_responsible_for = models.TextField(blank=True)
    council_not_responsible_for = models.TextField(blank=True)
    state = models.CharField(max_length=30, choices=STATES, default="draft")
    recorded_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="one_definition_per_stage")
        ]


class ComplaintIssue(models.Model):
    """One issue in the person's own words; decided one by one in the response."""

    definition = models.ForeignKey(
        ComplaintDefinition, on_delete=models.CASCADE, related_name="issues"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    decision = models.CharField(max_length=20, choices=DECISIONS, blank=True)
    reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]


# The columns the reports group stage events by, or compare (see StageRecord.Meta).
_REPORTED = [
    "process",
    "service",
    "number",
    "overall_decision",
    "root_cause",
    "acknowledge_by",
    "target_by",
    "respond_by",
]


class StageRecord(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField()
    # The case's process and service, copied when the record is made and whenever the case
    # moves to another service (services/moves.py, staff_intake.py), in the same
    # transaction: the reports count stage events by them from this table alone, without a
    # join to a million cases (issue 13).
    process = models.CharField(max_length=40, blank=True)
    service = models.ForeignKey(
        "cases.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    officer = models.ForeignKey(
        Officer, on_delete=models.PROTECT, null=True, blank=True, related_name="stages"
    )
    # Every officer who has held this stage, the current one last: the independence rule
    # looks at all of them (Housing Ombudsman Code 6.13).
    handled_by = models.JSONField(default=list, blank=True)
    requested_on = models.DateField(null=True, blank=True)  # escalation request (stage 2+)
    request_channel = models.CharField(max_length=20, blank=True)
    request_context = models.TextField(blank=True)  # never required (Housing Ombudsman Code 6.12)
    discretion_reason = models.TextField(blank=True)  # late escalation accepted at discretion
    acknowledged_on = models.DateField(null=True, blank=True)
    statement_agreed_on = models.DateField(null=True, blank=True)  # children's stage 2 clock
    clock_start_on = models.DateField(null=True, blank=True)
    respond_by = models.DateField(null=True, blank=True)
    max_by = models.DateField(null=True, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    overall_decision = models.CharField(max_length=20, choices=DECISIONS, blank=True)
    reasons = models.TextField(blank=True)
    response = models.JSONField(default=dict, blank=True)  # the items (a)-(g) as issued
    # The officer asked the contractor for first feedback, due within
    # time_limits.contractor_first_feedback_days working days (002, HM&I contractor process).
    contractor_asked_on = models.DateField(null=True, blank=True)
    contractor_feedback_on = models.DateField(null=True, blank=True)
    contractor_feedback = models.TextField(blank=True)
    # Why it went wrong, chosen with the response (reports of themes, Code 9.4).
    root_cause = models.ForeignKey(
        "cases.RootCause", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Stored from the policy core with the other deadline columns so that reports measure
    # timeliness by SQL: the acknowledgement due date, and the response target before any
    # extension (respond_by is the date after extensions).
    acknowledge_by = models.DateField(null=True, blank=True)
    target_by = models.DateField(null=True, blank=True)
    # Children's stage 2 (004, 001 Appendix B): an independent person oversees the
    # investigation beside the independent investigating officer.
    independent_person = models.ForeignKey(
        Officer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="one_record_per_stage")
        ]
        indexes = [
            # The scheduler's reminder query: contractors asked and not yet answered.
            models.Index(
                fields=["contractor_asked_on"],
                condition=models.Q(
                    contractor_asked_on__isnull=False, contractor_feedback_on__isnull=True
                ),
                name="stage_contractor_awaited",
            ),
            # Reports: responses and acknowledgements made in a period, by process, service,
            # stage, decision, root cause and whether each met its dates (issue 13). On
            # PostgreSQL each is an index-only scan: every column the reports read is here.
            models.Index(
                fields=["responded_on"],
                include=[*_REPORTED, "acknowledged_on", "max_by", "case"],
                name="stage_responded_reports",
            ),
            # One process's responses in a period (CH02, and the dashboard filtered by
            # process): the range of that process only.
            models.Index(
                fields=["process", "responded_on"],
                include=["number", "acknowledged_on", "acknowledge_by", "respond_by", "max_by"],
                name="stage_process_responded",
            ),
            models.Index(
                fields=["acknowledged_on"],
                include=[*_REPORTED, "responded_on", "max_by"],
                name="stage_acknowledged_reports",
            ),
            # The cases escalated to stage 2: the dashboard's escalation rate hashes these few
            # instead of reading every stage record.
            models.Index(fields=["case"], condition=models.Q(number=2), name="stage_second_stages"),
            # Escalation requests received in a period (CH01 stage 2).
            models.Index(
                fields=["requested_on"],
                include=["process", "number", "case"],
                name="stage_requested_reports",
            ),
        ]
        ordering = ["number"]


class Extension(models.Model):
    stage = models.ForeignKey(StageRecord, on_delete=models.CASCADE, related_name="extensions")
    decided_on = models.DateField()
    new_due_on = models.DateField()
    reason = models.TextField()
    good_reason_beyond_maximum = models.TextField(blank=True)
    decided_by = models.ForeignKey(Officer, on_delete=models.PROTECT, null=True, related_name="+")


class Hold(models.Model):
    """Concurrent proceedings or a council investigation stop the clocks."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="holds")
    # The exclusion ground (catalogue code) whose outcome is "hold".
    reason = models.CharField(max_length=60)
    detail = models.TextField(blank=True)
    held_on = models.DateField()
    resumed_on = models.DateField(null=True, blank=True)


class ResponsePlan(models.Model):
    """Adult social care: the plan agreed with the person (2009 Regulations reg. 14)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="response_plans")
    agreed_on = models.DateField()
    respond_by = models.DateField()
    how_handled = models.TextField()
    backstop_agreed_on = models.DateField(null=True, blank=True)


class PanelReview(models.Model):
    """Children's social care stage 3: review panel, chair's findings, council's response."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="panel_review")
    requested_on = models.DateField()
    panel_date = models.DateField(null=True, blank=True)
    panel_held_on = models.DateField(null=True, blank=True)
    findings_issued_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)
    council_response_on = models.DateField(null=True, blank=True)
    council_response = models.TextField(blank=True)
    # Arranging the panel (001 Appendix B): an independent chair and two independent persons,
    # chosen from the officers; the invitations go out as letters when it is arranged.
    chair = models.ForeignKey(
        "cases.Officer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    independent_person_one = models.ForeignKey(
        "cases.Officer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    independent_person_two = models.ForeignKey(
        "cases.Officer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    arranged_on = models.DateField(null=True, blank=True)


class ChildrensRepresentation(models.Model):
    """Source 004: someone acting for a child needs "sufficient interest"; advocacy offered."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="childrens_representation"
    )
    sufficient_interest = models.BooleanField(null=True)
    sufficient_interest_reasons = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    childs_views = models.TextField(blank=True)
    # Whether the child's own views were sought (None: not recorded yet).
    childs_views_sought = models.BooleanField(null=True)
    advocate_offered_on = models.DateField(null=True, blank=True)
    advocate_taken_up = models.BooleanField(null=True)


class FrozenDecision(models.Model):
    """A care-plan or placement decision deferred until the complaint ends."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="frozen_decisions")
    decision = models.TextField()
    frozen_on = models.DateField()
    # Until when it is frozen; None: until the complaint ends.
    frozen_until = models.DateField(null=True, blank=True)
    unfrozen_on = models.DateField(null=True, blank=True)
