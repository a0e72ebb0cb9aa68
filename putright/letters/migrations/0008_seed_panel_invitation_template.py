"""The review panel invitation letter kind (children's social care stage 3, 001 Appendix B),
and version 1 of its template: when the panel meets, its chair and two independent persons,
and that the person may attend with someone to support them or an advocate. Later edits are
new versions saved in the admin."""

from django.db import migrations, models

BODY = """
<p>Dear {{ recipient.name }},</p>
<p>We have arranged the review panel that will consider your complaint, case
{{ reference }}. You are invited to attend.</p>
<h2>When the panel meets</h2>
<p>The panel will meet on {{ panel.date }}. We will confirm the time and the place, and we
can hold the meeting somewhere that suits you.</p>
<h2>Who sits on the panel</h2>
<ul>
<li>Chair: {{ panel.chair }}</li>
<li>Independent person: {{ panel.person_one }}</li>
<li>Independent person: {{ panel.person_two }}</li>
</ul>
<p>None of them works in the service you complained about.</p>
<h2>At the meeting</h2>
<p>You can speak to the panel yourself and bring someone to support you. A child or young
person can bring an advocate: if you would like us to arrange one, please tell us.</p>
<p>If you cannot attend on this date, or you have any questions, please contact us by phone
on {{ team.phone }} or by email at {{ team.email }}, quoting {{ reference }}.</p>
<p>Yours sincerely,</p>
<p>{{ team.name }}<br>{{ council_name }}</p>
"""

KINDS = [
    ("acknowledgement", "Acknowledgement"),
    ("acknowledgement_delay", "Acknowledgement with an expected delay"),
    ("escalation_acknowledgement", "Acknowledgement of a next stage"),
    ("extension_notice", "Extension notice"),
    ("stage1_response", "Stage 1 response"),
    ("stage2_response", "Stage 2 (final) response"),
    ("childrens_stage2_response", "Children's social care: stage 2 response"),
    (
        "panel_request_acknowledgement",
        "Children's social care: review panel request acknowledged",
    ),
    ("panel_findings", "Children's social care: review panel findings"),
    ("panel_response", "Children's social care: council's response to the panel"),
    ("adult_social_care_response", "Adult social care response"),
    ("exclusion_notice", "Exclusion notice"),
    ("hold_notice", "Hold notice"),
    ("escalation_refused", "Next stage refused"),
    ("withdrawal_acknowledgement", "Withdrawal acknowledgement"),
    ("comment_thanks", "Thanks for a comment"),
    ("compliment_thanks", "Thanks for a compliment"),
    ("action_update", "Update on an action we agreed"),
    ("restriction_notice", "Restriction on contact"),
    ("panel_invitation", "Children's social care: invitation to the review panel"),
]


def seed(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    LetterTemplate.objects.create(
        kind="panel_invitation",
        version=1,
        subject="Your review panel ({{ reference }}): an invitation",
        body=BODY.strip() + "\n",
        note="First version.",
        created_by="PutRight defaults",
    )


def unseed(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    LetterTemplate.objects.filter(kind="panel_invitation", version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("letters", "0007_issued_letter_transcription")]

    operations = [
        migrations.AlterField(
            model_name="issuedletter",
            name="kind",
            field=models.CharField(choices=KINDS, max_length=40),
        ),
        migrations.AlterField(
            model_name="lettertemplate",
            name="kind",
            field=models.CharField(choices=KINDS, max_length=40),
        ),
        migrations.RunPython(seed, unseed),
    ]
