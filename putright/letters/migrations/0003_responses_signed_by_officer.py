"""Responses signed with the officer's name and job title, not "Investigating officer";
the acknowledgement of a next stage no longer asks for reasons the person already gave.

Each response kind whose current template still has the original sign-off gets a new
version with `signed_by_name` (empty when the council does not name staff) and
`signed_by_role`. A template the complaints team has already edited is left as they wrote it.
"""

from django.db import migrations

RESPONSE_KINDS = (
    "stage1_response",
    "stage2_response",
    "childrens_stage2_response",
    "panel_response",
    "adult_social_care_response",
)
OLD = "<p>Investigating officer<br>{{ service_name }}<br>{{ council_name }}</p>"
NEW = (
    "<p>{% if signed_by_name %}{{ signed_by_name }}<br>{% endif %}{{ signed_by_role }}<br>"
    "{{ service_name }}<br>{{ council_name }}</p>"
)
NOTE = "Signed with the officer's name and job title."
ASKED = """<p>You do not have to tell us why you are still unhappy. If you would like to, it helps us to
focus on what matters to you: please contact us by phone on {{ team.phone }} or by email at
{{ team.email }}.</p>"""
REASONS = (
    "{% if request_reasons %}\n<p>Thank you for telling us why you are still unhappy. You "
    "said:</p>\n{{ request_reasons | paragraphs }}\n<p>The officer will look at each of "
    "these points. If you want to add anything, please contact us by phone on "
    "{{ team.phone }} or by email at {{ team.email }}.</p>\n{% else %}\n" + ASKED + "\n{% endif %}"
)
REASONS_NOTE = "Does not ask for reasons the person already gave."


def sign_by_officer(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind in RESPONSE_KINDS:
        current = LetterTemplate.objects.filter(kind=kind).order_by("-version").first()
        if current is None or OLD not in current.body:
            continue
        LetterTemplate.objects.create(
            kind=kind,
            version=current.version + 1,
            subject=current.subject,
            body=current.body.replace(OLD, NEW),
            note=NOTE,
            created_by="PutRight",
        )


    current = (
        LetterTemplate.objects.filter(kind="escalation_acknowledgement").order_by("-version").first()
    )
    if current is not None and ASKED in current.body:
        LetterTemplate.objects.create(
            kind=current.kind,
            version=current.version + 1,
            subject=current.subject,
            body=current.body.replace(ASKED, REASONS),
            note=REASONS_NOTE,
            created_by="PutRight",
        )


def unsign(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    LetterTemplate.objects.filter(note__in=[NOTE, REASONS_NOTE]).delete()


class Migration(migrations.Migration):
    dependencies = [("letters", "0002_seed_letter_templates")]
    operations = [migrations.RunPython(sign_by_officer, unsign)]
