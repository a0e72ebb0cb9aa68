"""Files on a case, served only through here: never by the web server, never by name.

The person signed in to the case gets the letters we sent them and the files they sent
online; staff who may see the case get any file on it. Anyone else gets a 404, the same
as for a file that does not exist.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_http_methods

from putright.accounts.permissions import case_is_named_for, may_see_case, staff_member_for
from putright.accounts.signin import is_verified, otp_required
from putright.cases import selectors
from putright.cases.models import Attachment
from putright.public import signin, uploads


def _staff_may_see(request: HttpRequest, attachment: Attachment) -> bool:
    """The back office's own rules: signed in with the second factor, and allowed to see
    the case (putright.accounts.permissions)."""
    member = staff_member_for(getattr(request, "user", None))
    if member is None or (otp_required() and not is_verified(request)):
        return False
    case = attachment.correspondence.case
    officers = selectors.case_officer_ids(case_id=case.pk)
    named = case.restricted and case_is_named_for(member, case)
    return may_see_case(member, case, officers_on_case=officers, named=named)


@require_http_methods(["GET"])
def file_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    case_id = signin.signed_in_case_id(request)
    attachment = (
        selectors.attachment_for_person(attachment_id=attachment_id, case_id=case_id)
        if case_id is not None
        else None
    )
    if attachment is None:
        staff_copy = selectors.attachment_by_id(attachment_id=attachment_id)
        if staff_copy is not None and _staff_may_see(request, staff_copy):
            attachment = staff_copy
    name = attachment.file.name if attachment is not None else None
    if attachment is None or not name or not default_storage.exists(name):
        raise Http404
    # Never the sender's own name and type: those could make a script of a checked file.
    filename, content_type = uploads.download_as(
        original_name=attachment.original_name, content_type=attachment.content_type
    )
    response = FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
