"""The restriction-on-contact letter kind, and version 1 of its template (001, unacceptable
behaviour): what is restricted and why, when it will be reviewed, the person's right to ask
for a review, and the Ombudsman's details. Later edits are new versions saved in the admin."""

from django.db import migrations, models

BODY = """
<p>Dear {{ person_name }},</p>
<p>We are writing about your contact with us on case {{ reference }}. We have decided to
restrict how you contact us from {{ restriction.starts_on }}.</p>
<p>What is restricted ({{ restriction.scope }}):</p>
{{ restriction.text | paragraphs }}
<p>Why we have done this:</p>
{{ restriction.reason | paragraphs }}
<p>We will review this restriction by {{ restriction.review_on }}. You can ask us to review
it sooner: write to us, phone {{ team.phone }} or email {{ team.email }}, quoting
{{ reference }}, and say why. Your complaint is still being dealt with: this restriction
changes how you contact us, not whether we consider what you tell us.</p>
<p>If you are unhappy with how we have treated you, you can contact the
{{ ombudsman.name }}:</p>
<ul>
<li>Website: {{ ombudsman.website }}</li>
<li>Phone: {{ ombudsman.phone }}</li>
</ul>
<p>Yours sincerely,</p>
<p>{{ team.name }}<br>{{ council_name }}</p>
"""


def seed(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    LetterTemplate.objects.create(
        kind="restriction_notice",
        version=1,
        subject="Your contact with us ({{ reference }}): a restriction",
        body=BODY.strip() + "\n",
        note="First version.",
        created_by="PutRight defaults",
    )


def unseed(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    LetterTemplate.objects.filter(kind="restriction_notice", version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("letters", "0004_letter_postings_and_action_updates")]

    operations = [
        migrations.AlterField(
            model_name='issuedletter',
            name='kind',
            field=models.CharField(choices=[('acknowledgement', 'Acknowledgement'), ('acknowledgement_delay', 'Acknowledgement with an expected delay'), ('escalation_acknowledgement', 'Acknowledgement of a next stage'), ('extension_notice', 'Extension notice'), ('stage1_response', 'Stage 1 response'), ('stage2_response', 'Stage 2 (final) response'), ('childrens_stage2_response', "Children's social care: stage 2 response"), ('panel_request_acknowledgement', "Children's social care: review panel request acknowledged"), ('panel_findings', "Children's social care: review panel findings"), ('panel_response', "Children's social care: council's response to the panel"), ('adult_social_care_response', 'Adult social care response'), ('exclusion_notice', 'Exclusion notice'), ('hold_notice', 'Hold notice'), ('escalation_refused', 'Next stage refused'), ('withdrawal_acknowledgement', 'Withdrawal acknowledgement'), ('comment_thanks', 'Thanks for a comment'), ('compliment_thanks', 'Thanks for a compliment'), ('restriction_notice', 'Restriction on contact')], max_length=40),
        ),
        migrations.AlterField(
            model_name='lettertemplate',
            name='kind',
            field=models.CharField(choices=[('acknowledgement', 'Acknowledgement'), ('acknowledgement_delay', 'Acknowledgement with an expected delay'), ('escalation_acknowledgement', 'Acknowledgement of a next stage'), ('extension_notice', 'Extension notice'), ('stage1_response', 'Stage 1 response'), ('stage2_response', 'Stage 2 (final) response'), ('childrens_stage2_response', "Children's social care: stage 2 response"), ('panel_request_acknowledgement', "Children's social care: review panel request acknowledged"), ('panel_findings', "Children's social care: review panel findings"), ('panel_response', "Children's social care: council's response to the panel"), ('adult_social_care_response', 'Adult social care response'), ('exclusion_notice', 'Exclusion notice'), ('hold_notice', 'Hold notice'), ('escalation_refused', 'Next stage refused'), ('withdrawal_acknowledgement', 'Withdrawal acknowledgement'), ('comment_thanks', 'Thanks for a comment'), ('compliment_thanks', 'Thanks for a compliment'), ('restriction_notice', 'Restriction on contact')], max_length=40),
        ),
        migrations.RunPython(seed, unseed),
    ]
