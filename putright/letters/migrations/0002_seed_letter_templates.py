"""Version 1 of every letter template, adapted from the council's own templates (source 002,
appendices a: acknowledgement, b: stage 1 response, c: stage 2 response).

Changes from the sources: the council, not a named officer or contractor, signs; the person
is never asked to give reasons for wanting the next stage (Housing Ombudsman Code 6.12), and
never told the next stage may be refused "because the response would stay the same" (Code
5.11, 6.10): a refusal is only ever on an exclusion ground; every response carries items
(a)-(g) under the headings "The complaint / How I considered it / What happened / My
findings / Agreed actions"; extension, exclusion and refusal letters give the Ombudsman's
details.

The texts are frozen here on purpose: later edits are new versions saved in the admin.
(Before the first release they greet the letter's addressee, `recipient.name`, who may be
the person's representative or the MP or councillor who asked, and the withdrawal letter
says the complaint was withdrawn, whoever withdrew it.)
"""

from django.db import migrations

SIGN_OFF_TEAM = """
<p>Yours sincerely,</p>
<p>{{ team.name }}<br>{{ council_name }}</p>
"""

SIGN_OFF_OFFICER = """
<p>Yours sincerely,</p>
<p>Investigating officer<br>{{ service_name }}<br>{{ council_name }}</p>
"""

OMBUDSMAN_DETAILS = """
<ul>
<li>Website: {{ ombudsman.website }}</li>
<li>Phone: {{ ombudsman.phone }}</li>
{% if ombudsman.email %}
<li>Email: {{ ombudsman.email }}</li>
{% endif %}
<li>Address: {{ ombudsman.address }}</li>
</ul>
"""

ISSUES = """
<ul>
{% for issue in issues %}
<li>{{ issue }}</li>
{% endfor %}
</ul>
"""

ACKNOWLEDGEMENT_OPENING = """
<p>Dear {{ recipient.name }},</p>
<p>Thank you for bringing your concerns to our attention. We have logged your complaint about
{{ service_name }} as a formal complaint under our complaints procedure. Your reference is
{{ reference }}: please quote it whenever you contact us.</p>
<h2>What we will look into</h2>
<p>Based on the information you have shared, we will investigate the following:</p>
""" + ISSUES + """
{% if outcomes_sought %}
<p>You told us you would like this outcome: {{ outcomes_sought }}</p>
{% endif %}
{% if responsible %}
<h2>What the council is responsible for</h2>
{{ responsible | paragraphs }}
{% endif %}
{% if not_responsible %}
<h2>What the council is not responsible for</h2>
{{ not_responsible | paragraphs }}
{% endif %}
{% if clarification_asked %}
<h2>Please check this with us</h2>
<p>We want to be sure we have understood your complaint before we investigate. Please tell us
by phone on {{ team.phone }} or by email at {{ team.email }}, quoting {{ reference }}, whether
the issues above are right, or what we have missed.</p>
{% else %}
<p>If we have misunderstood your complaint, or missed something, please tell us as soon as
possible.</p>
{% endif %}
<h2>When you will hear from us</h2>
"""

ACKNOWLEDGEMENT_CLOSING = """
<p>We are taking your feedback seriously. If you have more information or any questions,
please contact us by phone on {{ team.phone }} or by email at {{ team.email }}.</p>
<p>Thank you for your patience and understanding.</p>
""" + SIGN_OFF_TEAM

ACKNOWLEDGEMENT = ACKNOWLEDGEMENT_OPENING + """
{% if process == "adult_social_care" %}
<p>We would like to talk with you about how we handle your complaint and when you can expect
our response, and we will contact you to agree this. Unless we agree another date with you,
we will respond by {{ respond_by }}.</p>
{% else %}
<p>We aim to send you our response by {{ respond_by }} ({{ target_days }} working days). If
we need more time we will write to you with the reason and a new date.</p>
{% endif %}
""" + ACKNOWLEDGEMENT_CLOSING

ACKNOWLEDGEMENT_DELAY = ACKNOWLEDGEMENT_OPENING + """
<p>We always aim to respond within {{ target_days }} working days, which would be by
{{ respond_by }}. However, we expect that our investigation may take longer than this,
for this reason:</p>
{{ delay_reason | paragraphs }}
<p>We will keep you updated while we investigate. If we cannot respond by {{ respond_by }},
we will write to you with a new date and the reason.</p>
""" + ACKNOWLEDGEMENT_CLOSING

ESCALATION_ACKNOWLEDGEMENT = """
<p>Dear {{ recipient.name }},</p>
<p>Thank you for your request of {{ requested_on }} to take your complaint further. We have
accepted it: your complaint is now at this stage of our complaints procedure:
{{ stage_name }}.</p>
<p>An officer who has not been involved in your complaint so far will review it.
{% if process == "childrens_social_care" %}
An independent investigating officer and an independent person will look into it.
{% endif %}
</p>
<p>You do not have to tell us why you are still unhappy. If you would like to, it helps us to
focus on what matters to you: please contact us by phone on {{ team.phone }} or by email at
{{ team.email }}.</p>
{% if issues %}
<h2>What your complaint is about</h2>
""" + ISSUES + """
{% endif %}
<h2>When you will hear from us</h2>
{% if respond_by %}
<p>We aim to send you our response by {{ respond_by }} ({{ target_days }} working days). If
we need more time we will write to you with the reason and a new date.</p>
{% else %}
<p>The investigating officer will contact you to agree a written statement of your
complaint. The investigation, and its {{ target_days }} working days, start from the day we
agree it with you.</p>
{% endif %}
""" + SIGN_OFF_TEAM

EXTENSION_NOTICE = """
<p>Dear {{ recipient.name }},</p>
<p>We are sorry, but we need more time to complete our response to your complaint. It is at
this stage of our complaints procedure: {{ stage_name }}.</p>
<h2>Why we need more time</h2>
{{ extension_reason | paragraphs }}
<h2>Your new response date</h2>
<p>We will now send you our response by {{ new_respond_by }}. If anything changes we will
tell you straight away.</p>
<h2>If you are unhappy about this</h2>
<p>If you are unhappy that we need more time, you can contact the {{ ombudsman.name }}. It is
free and independent.</p>
""" + OMBUDSMAN_DETAILS + SIGN_OFF_TEAM

RESPONSE_OPENING = """
<p>Dear {{ recipient.name }},</p>
<p>I have investigated your complaint and I am writing to give you {{ council_name }}'s
response. This is our response at this stage of our complaints procedure:
{{ stage_name }}.{% if final_stage %} It is our final response.{% endif %}</p>
"""

RESPONSE_BODY = """
<h2>The complaint</h2>
<p>You complained to us on {{ received_on }}. As we agreed with you, your complaint is:</p>
{{ response.complaint_definition | paragraphs }}
<p>The issues I considered, in your words, were:</p>
""" + ISSUES + """
{% if outcomes_sought %}
<p>You told us you wanted this outcome: {{ outcomes_sought }}</p>
{% endif %}
<h2>How I considered it</h2>
{% if how_considered %}
{{ how_considered | paragraphs }}
{% else %}
<p>I read what you told us and the service's records, and I asked the staff involved for
their account. I considered the council's policies, the law and good practice that apply.</p>
{% endif %}
<h2>What happened</h2>
{% if what_happened %}
{{ what_happened | paragraphs }}
{% else %}
<p>My findings below set out what happened on each issue.</p>
{% endif %}
<h2>My findings</h2>
{% for item in response.issues %}
<h3>{{ item.text }}</h3>
<p>My decision on this issue: <strong>{{ item.decision_label }}</strong>.</p>
{% if item.reasons %}
{{ item.reasons | paragraphs }}
{% endif %}
{% endfor %}
<h3>My decision overall</h3>
<p>My decision on your complaint overall: <strong>{{ response.decision_label }}</strong>.</p>
<p>The reasons for my decision are:</p>
{{ response.reasons | paragraphs }}
<h2>Agreed actions</h2>
<h3>Putting things right</h3>
{% if response.remedies %}
<p>To put things right, we offer:</p>
<ul>
{% for remedy in response.remedies %}
<li>{{ remedy }}</li>
{% endfor %}
</ul>
<p>If you would like to accept this, or to talk about it, please contact us by phone on
{{ team.phone }} or by email at {{ team.email }}.</p>
{% else %}
<p>We are not offering a remedy. The reason is:</p>
{{ response.no_remedy_reason | paragraphs }}
{% endif %}
<h3>Outstanding actions</h3>
{% if response.outstanding_actions %}
<p>We will do the following, and keep you updated until each one is complete:</p>
<ul>
{% for action in response.outstanding_actions %}
<li>{{ action }}</li>
{% endfor %}
</ul>
{% else %}
<p>There are no outstanding actions.</p>
{% endif %}
"""

NEXT_STAGE = """
<h2>If you are not satisfied</h2>
<p>If you are unhappy with this response, you can ask for your complaint to go to the next
stage of our complaints procedure: {{ next_stage_name }}.</p>
{{ response.how_to_escalate | paragraphs }}
<p>Please ask within {{ escalate_within_days }} working days of this response{% if escalate_by %}, that is by
{{ escalate_by }}{% endif %}{% if process == "housing" %}, or within {{ escalate_within_days }}
working days of any works agreed in this response being completed{% endif %}. You can reply
to this letter, email {{ team.email }} or phone {{ team.phone }}. You do not have to give
reasons. An officer who has not been involved so far will look at your complaint again.</p>
{% if process == "housing" %}
<p>You can also ask the {{ ombudsman.name }} for advice at any time while your complaint is
with us. It is free and independent: {{ ombudsman.website }}, {{ ombudsman.phone }}.</p>
{% endif %}
"""

OMBUDSMAN_NEXT = """
<h2>If you are not satisfied</h2>
<p>This is the end of our complaints procedure.</p>
{{ response.how_to_escalate | paragraphs }}
<p>If you are still unhappy with the outcome, you have the right to ask the
{{ ombudsman.name }} to look at your complaint. It provides a free and independent
service.</p>
""" + OMBUDSMAN_DETAILS

STAGE1_RESPONSE = RESPONSE_OPENING + RESPONSE_BODY + NEXT_STAGE + SIGN_OFF_OFFICER

STAGE2_RESPONSE = (
    """
<p>Dear {{ recipient.name }},</p>
<p>I have reviewed your complaint and I am writing to give you {{ council_name }}'s
response. You remained unhappy after our earlier response and asked us to look at your
complaint again. I have not been involved in your complaint before. This is our response at
this stage of our complaints procedure: {{ stage_name }}. It is our final response.</p>
"""
    + RESPONSE_BODY
    + OMBUDSMAN_NEXT
    + SIGN_OFF_OFFICER
)

CHILDRENS_STAGE2_RESPONSE = (
    """
<p>Dear {{ recipient.name }},</p>
<p>Your complaint has been investigated by an independent investigating officer, with an
independent person overseeing the investigation. I am writing to give you
{{ council_name }}'s response to their findings. This is our response at this stage of our
complaints procedure: {{ stage_name }}.</p>
"""
    + RESPONSE_BODY
    + """
<h2>If you are not satisfied</h2>
<p>If you are unhappy with this response, you can ask for your complaint to go to the next
stage of our complaints procedure: {{ next_stage_name }}. A review panel has an independent
chair and two independent people.</p>
{{ response.how_to_escalate | paragraphs }}
<p>Please ask within {{ escalate_within_days }} working days of this response{% if escalate_by %}, that is by
{{ escalate_by }}{% endif %}. You can reply to this letter, email {{ team.email }} or phone
{{ team.phone }}. You do not have to give reasons.</p>
"""
    + SIGN_OFF_OFFICER
)

PANEL_RESPONSE = (
    """
<p>Dear {{ recipient.name }},</p>
<p>The review panel met on {{ panel_held_on }} to consider your complaint, and sent us its
findings and recommendations. I am writing to give you {{ council_name }}'s response to
them. This is our response at this stage of our complaints procedure: {{ stage_name }}. It
is our final response.</p>
<h2>The review panel's findings</h2>
{{ findings | paragraphs }}
"""
    + RESPONSE_BODY
    + OMBUDSMAN_NEXT
    + SIGN_OFF_OFFICER
)

ADULT_SOCIAL_CARE_RESPONSE = (
    """
<p>Dear {{ recipient.name }},</p>
<p>I have investigated your complaint about {{ service_name }}, as we agreed with you, and I
am writing to give you {{ council_name }}'s response. Adult social care complaints have one
stage ({{ stage_name }}), so this is our final response.</p>
"""
    + RESPONSE_BODY
    + OMBUDSMAN_NEXT
    + SIGN_OFF_OFFICER
)

PANEL_REQUEST_ACKNOWLEDGEMENT = """
<p>Dear {{ recipient.name }},</p>
<p>Thank you for your request of {{ requested_on }} for a review panel to consider your
complaint. We have accepted it: your complaint is now at this stage of our complaints
procedure: {{ stage_name }}.</p>
<h2>What happens next</h2>
<p>A review panel has an independent chair and two independent people. It will meet by
{{ panel_by }}. We will tell you the date and place, and you can attend and bring someone to
support you.</p>
<p>The panel will send its findings and recommendations within 5 working days of meeting,
and we will send you our response to them within 15 working days after that.</p>
<p>If you have any questions, please contact us by phone on {{ team.phone }} or by email at
{{ team.email }}.</p>
""" + SIGN_OFF_TEAM

PANEL_FINDINGS = """
<p>Dear {{ recipient.name }},</p>
<p>The review panel met on {{ panel_held_on }} to consider your complaint. These are its
findings and recommendations.</p>
<h2>The panel's findings and recommendations</h2>
{{ findings | paragraphs }}
<h2>What happens next</h2>
<p>We will send you {{ council_name }}'s response to the panel's findings by
{{ response_by }}, saying what we will do about each recommendation.</p>
<p>If you have any questions, please contact us by phone on {{ team.phone }} or by email at
{{ team.email }}.</p>
""" + SIGN_OFF_TEAM

EXCLUSION_BODY = """
<h2>Why</h2>
<p><strong>{{ exclusion.title }}</strong></p>
{{ exclusion.explanation | paragraphs }}
<h3>In your case</h3>
{{ exclusion_reasons | paragraphs }}
"""

EXCLUSION_NOTICE = """
<p>Dear {{ recipient.name }},</p>
<p>Thank you for your complaint about {{ service_name }}. We have considered it carefully and
decided that we cannot deal with it under our complaints procedure. We decided this for your
complaint alone, for the reasons below.</p>
""" + EXCLUSION_BODY + """
<h2>What you can do</h2>
{{ exclusion.route | paragraphs }}
<h2>If you disagree</h2>
<p>If you disagree with our decision, you can ask the {{ ombudsman.name }} to look at it. It
is free and independent.</p>
""" + OMBUDSMAN_DETAILS + SIGN_OFF_TEAM

HOLD_NOTICE = """
<p>Dear {{ recipient.name }},</p>
<p>Thank you for your complaint about {{ service_name }}. We have logged it, but we have had
to put it on hold for the reason below. While it is on hold our deadlines stop; when the
hold ends we will restart your complaint and tell you the new dates.</p>
""" + EXCLUSION_BODY + """
<h2>If you disagree</h2>
<p>If you disagree with our decision, you can ask the {{ ombudsman.name }} to look at it. It
is free and independent.</p>
""" + OMBUDSMAN_DETAILS + SIGN_OFF_TEAM

ESCALATION_REFUSED = """
<p>Dear {{ recipient.name }},</p>
<p>You asked us to take your complaint to the next stage of our complaints procedure:
{{ next_stage_name }}. We have decided that we cannot do so. We only refuse a request for
the next stage for one of the reasons set out in our complaints policy, and we decided it
for your complaint alone.</p>
""" + EXCLUSION_BODY + """
<h2>What you can do</h2>
{{ exclusion.route | paragraphs }}
<h2>The Ombudsman</h2>
<p>You can now ask the {{ ombudsman.name }} to look at your complaint, including our decision
not to take it further. It is free and independent.</p>
""" + OMBUDSMAN_DETAILS + SIGN_OFF_TEAM

WITHDRAWAL_ACKNOWLEDGEMENT = """
<p>Dear {{ recipient.name }},</p>
<p>We are writing to confirm that the complaint was withdrawn on {{ withdrawn_on }}. We have
closed it and will take no further action on it.</p>
<p>If you change your mind, or something new happens, please contact us by phone on
{{ team.phone }} or by email at {{ team.email }}, quoting {{ reference }}. Thank you for
letting us know.</p>
""" + SIGN_OFF_TEAM

COMMENT_THANKS = """
<p>Dear {{ recipient.name }},</p>
<p>Thank you for your comment about {{ service_name }}. You told us:</p>
{{ feedback_summary | paragraphs }}
<p>We have passed your comment to the service. Comments like yours help us to improve what
we do, and we count every one in our reports.</p>
""" + SIGN_OFF_TEAM

COMPLIMENT_THANKS = """
<p>Dear {{ recipient.name }},</p>
<p>Thank you for taking the time to compliment {{ service_name }}. You told us:</p>
{{ feedback_summary | paragraphs }}
<p>We have passed your kind words on to the service and the staff involved. It means a great
deal to them to know when they have got things right.</p>
""" + SIGN_OFF_TEAM

ACTION_UPDATE = """
<p>Dear {{ recipient.name }},</p>
<p>We agreed to do this to put things right:</p>
{{ action_description | paragraphs }}
<p>This is our update:</p>
{{ update_text | paragraphs }}
{% if action_done %}
<p>The action is now complete.</p>
{% elif next_update_by %}
<p>We will write to you again with another update by {{ next_update_by }}.</p>
{% endif %}
<p>If you have any questions, please contact us by phone on {{ team.phone }} or by email at
{{ team.email }}, quoting {{ reference }}.</p>
""" + SIGN_OFF_TEAM

TEMPLATES = [
    ("acknowledgement", "Your complaint {{ reference }}: we have received it", ACKNOWLEDGEMENT),
    (
        "acknowledgement_delay",
        "Your complaint {{ reference }}: we have received it",
        ACKNOWLEDGEMENT_DELAY,
    ),
    (
        "escalation_acknowledgement",
        "Your complaint {{ reference }}: your request for the next stage",
        ESCALATION_ACKNOWLEDGEMENT,
    ),
    (
        "extension_notice",
        "Your complaint {{ reference }}: we need more time to respond",
        EXTENSION_NOTICE,
    ),
    ("stage1_response", "Your complaint {{ reference }}: our response", STAGE1_RESPONSE),
    ("stage2_response", "Your complaint {{ reference }}: our final response", STAGE2_RESPONSE),
    (
        "childrens_stage2_response",
        "Your complaint {{ reference }}: our response to the investigation",
        CHILDRENS_STAGE2_RESPONSE,
    ),
    (
        "panel_request_acknowledgement",
        "Your complaint {{ reference }}: your request for a review panel",
        PANEL_REQUEST_ACKNOWLEDGEMENT,
    ),
    (
        "panel_findings",
        "Your complaint {{ reference }}: the review panel's findings",
        PANEL_FINDINGS,
    ),
    (
        "panel_response",
        "Your complaint {{ reference }}: our final response to the review panel",
        PANEL_RESPONSE,
    ),
    (
        "adult_social_care_response",
        "Your complaint {{ reference }}: our response",
        ADULT_SOCIAL_CARE_RESPONSE,
    ),
    (
        "exclusion_notice",
        "Your complaint {{ reference }}: why we cannot consider it",
        EXCLUSION_NOTICE,
    ),
    ("hold_notice", "Your complaint {{ reference }}: on hold", HOLD_NOTICE),
    (
        "escalation_refused",
        "Your complaint {{ reference }}: your request for the next stage",
        ESCALATION_REFUSED,
    ),
    (
        "withdrawal_acknowledgement",
        "Your complaint {{ reference }}: withdrawn",
        WITHDRAWAL_ACKNOWLEDGEMENT,
    ),
    ("comment_thanks", "Thank you for your comment ({{ reference }})", COMMENT_THANKS),
    ("compliment_thanks", "Thank you for your compliment ({{ reference }})", COMPLIMENT_THANKS),
    ("action_update", "An update on what we agreed ({{ reference }})", ACTION_UPDATE),
]


def seed(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    LetterTemplate.objects.bulk_create(
        LetterTemplate(
            kind=kind,
            version=1,
            subject=subject,
            body=body.strip() + "\n",
            note="First version, adapted from the council's templates.",
            created_by="PutRight defaults",
        )
        for kind, subject, body in TEMPLATES
    )


def unseed(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    LetterTemplate.objects.filter(version=1, created_by="PutRight defaults").delete()


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_issued_letters_and_templates")]

    operations = [migrations.RunPython(seed, unseed)]
