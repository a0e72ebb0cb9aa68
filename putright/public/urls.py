from django.urls import path

from putright.public.views import complaint, feedback, files, follow
from putright.web import converters  # noqa: F401 - registers <id:...>

app_name = "public"

urlpatterns = [
    path("feedback/", feedback.feedback_step, name="feedback_start"),
    path("feedback/start-again/", feedback.start_again, name="feedback_start_again"),
    path("feedback/check-your-answers/", feedback.feedback_check, name="feedback_check"),
    path("feedback/sent/<str:token>/", feedback.feedback_sent, name="feedback_sent"),
    path(
        "feedback/sent/<str:token>/equality/",
        feedback.feedback_equality,
        name="feedback_equality",
    ),
    path("feedback/thank-you/", feedback.feedback_thanks, name="feedback_thanks"),
    path("feedback/<slug:slug>/", feedback.feedback_step, name="feedback_step"),
    path("complaints/new/", complaint.complaint_new, name="complaint_new"),
    path("complaints/sent/<str:token>/", feedback.feedback_sent, name="complaint_sent"),
    path("follow/", follow.follow_start, name="follow_start"),
    path("follow/check-your-email/", follow.follow_check_email, name="follow_check_email"),
    path("follow/sign-in/<str:token>/", follow.follow_sign_in, name="follow_sign_in"),
    path("follow/sign-out/", follow.follow_sign_out, name="follow_sign_out"),
    path("follow/case/", follow.follow_case, name="follow_case"),
    path("follow/case/stage-2/", follow.follow_escalate, name="follow_escalate"),
    path("follow/case/withdraw/", follow.follow_withdraw, name="follow_withdraw"),
    path("follow/case/add-information/", follow.follow_add, name="follow_add"),
    path(
        "follow/case/letters/<id:correspondence_id>/",
        follow.follow_letter,
        name="follow_letter",
    ),
    path("files/<id:attachment_id>/", files.file_download, name="file_download"),
]
