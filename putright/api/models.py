"""API tokens for other systems, and the idempotency keys their contacts were sent with."""

from django.db import models

SCOPES = [
    ("intake", "Intake: send contacts and files"),
    ("read", "Read cases, deadlines, remedies, actions and events"),
    ("casework", "Case work: read, and make the policy's moves"),
    ("contractor", "Contractor: the cases allocated to it only"),
]


class ApiToken(models.Model):
    """A system's credential. Only a SHA-256 of the secret is stored; the secret is shown
    once, when the token is made (`manage.py api_token_create`)."""

    name = models.CharField(max_length=200)
    scopes = models.JSONField(default=list)
    # The contractor a contractor-scoped token speaks for: outstanding actions owned by it,
    # and requests for first feedback made to it, say which cases it may see.
    contractor = models.CharField(max_length=200, blank=True)
    prefix = models.CharField(max_length=12)  # shown in lists so people can tell tokens apart
    key_hash = models.CharField(max_length=64, unique=True)
    requests_per_minute = models.PositiveIntegerField(default=120)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class IdempotencyKey(models.Model):
    """A contact a system sent with an `Idempotency-Key`: the same key from the same client
    always answers with this case. The unique constraint (not a look-up first) is what stops
    two requests at the same moment from both creating a case."""

    owner = models.CharField(max_length=40)  # "token:<id>" or "staff:<user id>"
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)  # SHA-256 of the request body
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="api_idempotency_key_once")
        ]
