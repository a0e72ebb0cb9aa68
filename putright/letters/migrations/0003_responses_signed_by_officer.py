"""Responses signed with the officer's name and job title, not "Investigating officer".

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


def unsign(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    LetterTemplate.objects.filter(kind__in=RESPONSE_KINDS, note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [("letters", "0002_seed_letter_templates")]
    operations = [migrations.RunPython(sign_by_officer, unsign)]
