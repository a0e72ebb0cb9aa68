"""The back office's addresses. The performance harness relies on /staff/login/,
/staff/cases/ and /staff/reports/service-status/: keep them stable."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path

from putright.accounts.permissions import Capability, StaffMember
from putright.staff.access import staff_view
from putright.staff.views import cases, casework, inbox, queues, records, reports, response, signin
from putright.web import converters  # noqa: F401 - registers <id:...>


@staff_view()
def home(request: HttpRequest, member: StaffMember) -> HttpResponse:
    if member.can(Capability.TRIAGE):
        return HttpResponseRedirect("/staff/inbox/")
    if member.can(Capability.SEE_CASES):
        return HttpResponseRedirect("/staff/cases/")
    return HttpResponseRedirect("/staff/reports/service-status/")


app_name = "staff"
urlpatterns = [
    path("", home, name="home"),
    path("login/", signin.sign_in, name="login"),
    path("login/code/", signin.sign_in_code, name="login-code"),
    path("login/set-up/", signin.sign_in_set_up, name="login-set-up"),
    path("logout/", signin.sign_out, name="logout"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/<str:reference>/", inbox.triage, name="triage"),
    path("inbox/<str:reference>/<slug:action>/", inbox.triage_action, name="triage-action"),
    path("cases/", queues.case_list, name="cases"),
    path("cases/views/", queues.saved_view_save, name="saved-view-save"),
    path("cases/views/<id:view_id>/delete/", queues.saved_view_delete, name="saved-view-delete"),
    path("cases/<str:reference>/", cases.case_detail, name="case"),
    path(
        "cases/<str:reference>/records/<slug:slug>/",
        cases.case_record_add,
        name="case-record",
    ),
    path(
        "cases/<str:reference>/records/<slug:slug>/<id:item_id>/",
        cases.case_record_add,
        name="case-record-item",
    ),
    # Each part of the case page adds its own addresses; they come before the moves'
    # catch-all so that a two-part address such as cases/<reference>/letters/ is theirs.
    *casework.urlpatterns,
    *response.urlpatterns,
    *records.urlpatterns,
    path("cases/<str:reference>/<slug:slug>/", cases.case_move, name="case-move"),
    path("reports/service-status/", reports.service_status, name="service-status"),
    path("reports/equality/", reports.equality, name="equality"),
]
