"""The satisfaction survey sent when a complaint is closed: one emailed link, no account,
answered once (the Regulator of Social Housing's TP09 question)."""

from django.db import models

from putright.cases.models.case import Case

# TP09: "How satisfied or dissatisfied are you with your landlord's approach to complaints
# handling?" on the Regulator's five-point scale; 1 and 2 count as satisfied.
SATISFACTION_ANSWERS = [
    (1, "Very satisfied"),
    (2, "Fairly satisfied"),
    (3, "Neither satisfied nor dissatisfied"),
    (4, "Fairly dissatisfied"),
    (5, "Very dissatisfied"),
]


class SatisfactionSurvey(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="surveys")
    # The case's process when the survey was sent (a closed case keeps its process): TP09
    # counts the housing process's surveys from this table alone (issue 13).
    process = models.CharField(max_length=40, blank=True)
    # Only a hash of the emailed token is kept: a copy of the database cannot answer.
    token_hash = models.CharField(max_length=64, unique=True)
    sent_on = models.DateField()
    answered_on = models.DateField(null=True, blank=True)
    answer = models.PositiveSmallIntegerField(choices=SATISFACTION_ANSWERS, null=True, blank=True)

    class Meta:
        indexes = [
            # TP09: one process's surveys sent in a period, read from the index alone.
            models.Index(
                fields=["process", "sent_on"], include=["answer"], name="survey_process_sent"
            )
        ]
