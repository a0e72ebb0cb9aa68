"""Templates are edited by the complaints team, so they run in a sandbox: no code."""

from __future__ import annotations

from typing import Any

import pytest

from putright.cases.models import Officer
from putright.letters import sandbox
from putright.letters.models import LetterTemplate
from putright.letters.sandbox import TemplateRejected
from putright.letters.selectors import letter_template_current
from putright.letters.services import letter_issue, letter_template_save, template_check
from tests.letters.conftest import Council, D

pytestmark = pytest.mark.django_db

GOOD_BODY = """
<p>Dear {{ person_name }},</p>
<p>This is about {{ service_name }}. We will respond by {{ respond_by }}.</p>
<ul>{% for issue in issues %}<li>{{ issue }}</li>{% endfor %}</ul>
<p>{{ team.name }}</p>
"""

REFUSED = {
    "an internal attribute": ("{{ ''.__class__ }}", "'__class__' is internal"),
    "a walk to the object graph": (
        "{{ person_name.__class__.__mro__[1].__subclasses__() }}",
        "is internal",
    ),
    "an internal item": ("{{ team['__class__'] }}", "'__class__' is internal"),
    "a method call": ("{{ person_name.upper() }}", "calling functions or methods is not allowed"),
    "an include": ("{% include 'base.html' %}", "cannot include other templates"),
    "an import": ("{% import 'x.html' as x %}", "cannot import other templates"),
    "a macro": ("{% macro m() %}x{% endmacro %}", "macros are not allowed"),
    "arithmetic that can exhaust memory": ("{{ 'x' * 999999999 }}", "arithmetic is not allowed"),
    "the safe filter": ("{{ person_name | safe }}", "no filter called 'safe'"),
    "the attr filter": ("{{ team | attr('name') }}", "no filter called 'attr'"),
    "an unknown variable": ("{{ settings.SECRET_KEY }}", "no variable called 'settings'"),
    "a syntax error": ("{% if %}", "Line 6: Expected an expression"),
}


def _body(extra: str) -> str:
    return GOOD_BODY + f"<p>{extra}</p>\n"


class TestTheSandboxRefusesTemplateCode:
    @pytest.mark.parametrize("case", list(REFUSED))
    def test_it_refuses_and_the_template_cannot_be_saved(self, case: str) -> None:
        code, why = REFUSED[case]
        before = LetterTemplate.objects.count()
        with pytest.raises(TemplateRejected) as refused:
            letter_template_save(
                kind="acknowledgement",
                subject="Your complaint {{ reference }}",
                body=_body(code),
                created_by="jess.walker",
            )
        assert why in str(refused.value)
        assert LetterTemplate.objects.count() == before
        assert letter_template_current(kind="acknowledgement").version == 1

    def test_code_in_the_subject_is_refused_too(self) -> None:
        with pytest.raises(TemplateRejected, match="Subject: Line 1: '__class__' is internal"):
            template_check(kind="acknowledgement", subject="{{ ''.__class__ }}", body=GOOD_BODY)

    def test_the_sandbox_itself_refuses_internals_even_past_the_syntax_check(self) -> None:
        # The second fence: render() alone, without the syntax check, still refuses.
        with pytest.raises(TemplateRejected, match="SecurityError"):
            sandbox.render("{{ ''.__class__.__mro__ }}", {})
        with pytest.raises(TemplateRejected, match="SecurityError"):
            sandbox.render("{{ name.format.__globals__ }}", {"name": "x"})

    def test_the_sandbox_has_no_globals_to_call(self) -> None:
        with pytest.raises(TemplateRejected, match="UndefinedError"):
            sandbox.render("{% for i in range(3) %}{{ i }}{% endfor %}", {})

    def test_a_residents_words_are_escaped_not_run(self) -> None:
        html = sandbox.render("<p>{{ text }}</p>", {"text": "<img src='file:///etc/passwd'>"})
        assert html == "<p>&lt;img src=&#39;file:///etc/passwd&#39;&gt;</p>"

    @pytest.mark.parametrize(
        "markup",
        [
            "<img src='file:///etc/passwd'>",
            "<link rel='stylesheet' href='http://127.0.0.1/x.css'>",
            "<style>body { background: url(file:///etc/passwd) }</style>",
            "<p class='x'>styled</p>",
            "<a href='https://example.org'>a link</a>",
        ],
    )
    def test_it_refuses_markup_that_could_fetch_or_style_anything(self, markup: str) -> None:
        with pytest.raises(TemplateRejected, match=r"not allowed|cannot have attributes"):
            template_check(kind="acknowledgement", subject="Hello", body=GOOD_BODY + markup)

    def test_a_context_holds_plain_values_only(self, council: Council) -> None:
        with pytest.raises(TypeError, match=r"context\.officer is a Officer"):
            sandbox.plain_value({"officer": council.stage1})
        with pytest.raises(TypeError, match=r"context\.f is a function"):
            sandbox.plain_value({"f": lambda: None})


class TestATemplateMustSayWhatItsKindRequires:
    def test_an_extension_notice_without_the_ombudsmans_phone_cannot_be_saved(self) -> None:
        current = letter_template_current(kind="extension_notice")
        body = current.body.replace("{{ ombudsman.phone }}", "")
        with pytest.raises(TemplateRejected, match=r"ombudsman\.phone"):
            letter_template_save(
                kind="extension_notice", subject=current.subject, body=body, created_by="x"
            )

    def test_a_response_without_the_reasons_cannot_be_saved(self) -> None:
        current = letter_template_current(kind="stage1_response")
        body = current.body.replace("{{ response.reasons | paragraphs }}", "")
        with pytest.raises(TemplateRejected, match=r"response\.reasons"):
            letter_template_save(
                kind="stage1_response", subject=current.subject, body=body, created_by="x"
            )

    def test_a_response_must_say_why_no_remedy_is_due_when_there_is_none(self) -> None:
        current = letter_template_current(kind="stage2_response")
        body = current.body.replace("{{ response.no_remedy_reason | paragraphs }}", "")
        with pytest.raises(TemplateRejected, match=r"response\.no_remedy_reason"):
            letter_template_save(
                kind="stage2_response", subject=current.subject, body=body, created_by="x"
            )

    def test_every_seeded_template_passes_its_own_checks(self) -> None:
        for template in LetterTemplate.objects.all():
            template_check(kind=template.kind, subject=template.subject, body=template.body)


class TestEditingMakesANewVersion:
    def test_the_old_version_is_kept_and_the_new_one_is_used(
        self, council: Council, tmp_path: object
    ) -> None:
        first = letter_template_current(kind="withdrawal_acknowledgement")
        second = letter_template_save(
            kind="withdrawal_acknowledgement",
            subject="Your complaint {{ reference }} is closed",
            body=first.body.replace("Thank you for", "Many thanks for"),
            created_by="jess.walker",
            note="Warmer wording",
        )
        assert (first.version, second.version) == (1, 2)
        assert LetterTemplate.objects.filter(kind="withdrawal_acknowledgement").count() == 2
        case = council.acknowledged(council.housing)
        from putright.letters import workflows

        letter = workflows.withdraw_and_issue(
            case=case, actor=council.team, channel="email", on=D(2026, 11, 10)
        )
        assert letter.template_id == second.pk and letter.template_version == 2
        assert "Many thanks for" in letter.body_text
        assert letter.subject == f"Your complaint {case.reference} is closed"

    def test_a_template_names_the_officer_only_when_it_says_so(
        self, council: Council, settings: Any
    ) -> None:
        settings.PUTRIGHT_LETTERS_NAME_OFFICERS = False  # the council names no staff
        current = letter_template_current(kind="stage1_response")
        letter_template_save(
            kind="stage1_response",
            subject=current.subject,
            body=current.body.replace(
                "{{ signed_by_role }}<br>",
                "{{ officer_name }}, {{ officer_job_title }}<br>",
            ),
            created_by="jess.walker",
        )
        case = council.responded(council.housing)
        letter = letter_issue(
            case=case, kind="stage1_response", actor=council.team, on=D(2026, 11, 16)
        )
        officer: Officer = council.stage1
        assert f"{officer.name}, {officer.job_title}" in letter.body_text
