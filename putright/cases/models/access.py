"""How a person reaches their own case on the public site, without an account."""

from django.db import models

from putright.cases.models.case import Case


class SignInLinkUse(models.Model):
    """A one-time sign-in link that has been used.

    The link itself is stateless: signed, carrying the case, the address it was sent to, a
    random nonce and its own expiry. This row is what makes it work once: the nonce is
    unique, so a second use (or two at once) fails to insert. Rows older than a link's
    lifetime prove nothing any more and may be deleted.
    """

    nonce = models.CharField(max_length=64, unique=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    used_at = models.DateTimeField()


class SubmissionOnce(models.Model):
    """A form sent from the public site, once: a double click, or the same post sent twice
    or three times at once, makes one case.

    `key` is a digest of who sent what (putright.public.once); it is unique, so the second
    of two racing posts fails to insert, waits for the first, and is shown its case. Rows
    older than a day guard nothing any more and the scheduler deletes them.
    """

    key = models.CharField(max_length=64, unique=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+", null=True)
    created_at = models.DateTimeField()
