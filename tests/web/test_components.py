"""The GOV.UK component partials, rendered from real Django forms."""

import datetime
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import TemplateSyntaxError, engines

from tests.web.example_forms import VALID, FeedbackForm

DASH = "\N{EN DASH}"


def render(source: str, **context: Any) -> str:
    template = engines["django"].from_string(source)
    return template.render(context)


def squash(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


class TestTextInput:
    def test_it_renders_label_hint_and_value(self) -> None:
        form = FeedbackForm(data=VALID)
        form.is_valid()

        html = squash(
            render('{% include "components/input.html" with field=form.full_name %}', form=form)
        )

        assert '<label class="govuk-label" for="id_full_name">Full name</label>' in html
        assert (
            '<div id="id_full_name-hint" class="govuk-hint">As it appears on your letters</div>'
            in html
        )
        assert (
            '<input class="govuk-input" id="id_full_name" name="full_name" type="text" '
            'value="Ada Resident" aria-describedby="id_full_name-hint">'
        ) in html
        assert "govuk-form-group--error" not in html

    def test_it_shows_the_error_inline_and_keeps_what_was_typed(self) -> None:
        form = FeedbackForm(data={**VALID, "email": "not an email"})
        form.is_valid()

        html = squash(
            render('{% include "components/input.html" with field=form.email %}', form=form)
        )

        assert '<div class="govuk-form-group govuk-form-group--error">' in html
        assert (
            '<p id="id_email-error" class="govuk-error-message">'
            '<span class="govuk-visually-hidden">Error:</span> Enter a valid email address.</p>'
        ) in html
        assert 'class="govuk-input govuk-input--error"' in html
        assert 'value="not an email"' in html
        assert 'aria-describedby="id_email-error"' in html

    def test_it_passes_autocomplete_and_spellcheck_through_and_uses_the_widget_type(self) -> None:
        html = render(
            '{% include "components/input.html" with field=form.email %}', form=FeedbackForm()
        )

        assert 'type="email"' in html
        assert 'autocomplete="email"' in html
        assert 'spellcheck="false"' in html

    def test_it_can_be_the_page_heading(self) -> None:
        html = squash(
            render(
                '{% include "components/input.html" with field=form.full_name'
                ' label_class="govuk-label--l" is_page_heading=True %}',
                form=FeedbackForm(),
            )
        )

        assert (
            '<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" '
            'for="id_full_name">Full name</label></h1>'
        ) in html

    def test_it_refuses_something_that_is_not_a_bound_field(self) -> None:
        with pytest.raises(TemplateSyntaxError, match="bound form field"):
            render('{% include "components/input.html" with field="full_name" %}')


class TestTextareaAndCharacterCount:
    def test_the_textarea_keeps_the_text_without_a_hard_limit(self) -> None:
        form = FeedbackForm(data={**VALID, "details": "Line one\nLine two"})
        form.is_valid()

        html = render('{% include "components/textarea.html" with field=form.details %}', form=form)

        assert 'rows="5"' in html
        assert ">\nLine one\nLine two</textarea>" in html
        assert "maxlength" not in html

    def test_the_character_count_takes_its_limit_from_the_field(self) -> None:
        html = squash(
            render(
                '{% include "components/character_count.html" with field=form.details %}',
                form=FeedbackForm(),
            )
        )

        assert 'data-module="govuk-character-count" data-maxlength="1200"' in html
        assert 'class="govuk-textarea govuk-js-character-count"' in html
        assert 'aria-describedby="id_details-info"' in html
        assert (
            '<div id="id_details-info" class="govuk-hint govuk-character-count__message">'
            " You can enter up to 1200 characters </div>"
        ) in html
        assert (
            'data-i18n.characters-over-limit.other="You have %{count} characters too many"' in html
        )

    def test_the_character_count_describes_info_then_error(self) -> None:
        form = FeedbackForm(data={**VALID, "details": "x" * 1201})
        form.is_valid()

        html = render(
            '{% include "components/character_count.html" with field=form.details %}', form=form
        )

        assert 'aria-describedby="id_details-info id_details-error"' in html
        assert "govuk-textarea--error" in html


class TestRadiosAndCheckboxes:
    def test_radios_number_their_ids_the_gov_uk_way_and_keep_the_choice(self) -> None:
        form = FeedbackForm(data={**VALID, "kind": "comment"})
        form.is_valid()

        html = squash(
            render('{% include "components/radios.html" with field=form.kind %}', form=form)
        )

        assert (
            'id="id_kind" name="kind" type="radio" value="complaint" '
            'aria-describedby="id_kind-item-hint"' in html
        )
        assert (
            '<div id="id_kind-item-hint" class="govuk-hint govuk-radios__hint">'
            "Something went wrong</div>" in html
        )
        assert 'id="id_kind-2" name="kind" type="radio" value="comment" checked>' in html
        assert 'id="id_kind-3" name="kind" type="radio" value="compliment">' in html
        assert (
            '<legend class="govuk-fieldset__legend"> What kind of feedback is it? </legend>' in html
        )

    def test_radios_with_an_error_describe_the_fieldset(self) -> None:
        form = FeedbackForm(data={**VALID, "kind": ""})
        form.is_valid()

        html = squash(
            render(
                '{% include "components/radios.html" with field=form.kind inline=True %}', form=form
            )
        )

        assert '<fieldset class="govuk-fieldset" aria-describedby="id_kind-error">' in html
        assert 'class="govuk-radios govuk-radios--inline"' in html
        assert "govuk-form-group--error" in html

    def test_checkboxes_keep_every_ticked_box(self) -> None:
        form = FeedbackForm(data={**VALID, "adjustments": ["large_print", "braille"]})
        form.is_valid()

        html = render(
            '{% include "components/checkboxes.html" with field=form.adjustments %}', form=form
        )

        assert html.count(" checked") == 2
        assert (
            'id="id_adjustments-2" name="adjustments" type="checkbox" value="braille" checked'
            in html
        )


class TestDateInput:
    def test_it_parses_a_real_date(self) -> None:
        form = FeedbackForm(data=VALID)

        assert form.is_valid(), form.errors
        assert form.cleaned_data["became_aware"] == datetime.date(2026, 11, 3)

    def test_it_shows_an_initial_date_in_three_boxes(self) -> None:
        form = FeedbackForm(initial={"became_aware": datetime.date(2025, 4, 1)})

        html = render(
            '{% include "components/date_input.html" with field=form.became_aware %}', form=form
        )

        assert (
            'id="id_became_aware-day" name="became_aware_day" type="text" inputmode="numeric" '
            'value="1"' in html
        )
        assert 'name="became_aware_month" type="text" inputmode="numeric" value="4"' in html
        assert 'name="became_aware_year" type="text" inputmode="numeric" value="2025"' in html

    @pytest.mark.parametrize(
        ("day", "month", "year", "message", "boxes"),
        [
            (
                "",
                "",
                "",
                "Enter the date you found out about the problem",
                {"day", "month", "year"},
            ),
            (
                "3",
                "",
                "2026",
                "The date you found out about the problem must include a month",
                {"month"},
            ),
            (
                "",
                "",
                "2026",
                "The date you found out about the problem must include a day and month",
                {"day", "month"},
            ),
            (
                "31",
                "2",
                "2026",
                "The date you found out about the problem must be a real date",
                {"day", "month", "year"},
            ),
            (
                "3",
                "x",
                "2026",
                "The date you found out about the problem must be a real date",
                {"day", "month", "year"},
            ),
            ("3", "11", "26", "Year must include 4 numbers", {"year"}),
        ],
    )
    def test_it_says_what_is_wrong_and_highlights_only_those_boxes(
        self, day: str, month: str, year: str, message: str, boxes: set[str]
    ) -> None:
        data = {
            **VALID,
            "became_aware_day": day,
            "became_aware_month": month,
            "became_aware_year": year,
        }
        form = FeedbackForm(data=data)

        assert not form.is_valid()
        assert form.errors["became_aware"] == [message]
        html = render(
            '{% include "components/date_input.html" with field=form.became_aware %}', form=form
        )
        highlighted = set(re.findall(r'govuk-input--error" id="id_became_aware-(\w+)"', html))
        assert highlighted == boxes
        # What was typed stays in the boxes.
        if year:
            assert f'value="{year}"' in html

    def test_the_error_summary_links_to_the_first_box_at_fault(self) -> None:
        form = FeedbackForm(data={**VALID, "became_aware_month": ""})
        form.is_valid()

        html = render('{% include "components/error_summary.html" with form=form %}', form=form)

        assert '<a href="#id_became_aware-month">' in html


class TestFileUpload:
    def test_it_never_echoes_the_file(self) -> None:
        upload = SimpleUploadedFile("photo.jpg", b"...", content_type="image/jpeg")
        form = FeedbackForm(data={**VALID, "full_name": ""}, files={"evidence": upload})
        form.is_valid()

        html = squash(
            render(
                '{% include "components/file_upload.html" with field=form.evidence %}', form=form
            )
        )

        assert (
            '<input class="govuk-file-upload" id="id_evidence" name="evidence" type="file">'
        ) in html
        assert "photo.jpg" not in html
        assert "govuk-file-upload-wrapper" not in html

    def test_the_drop_zone_is_opt_in(self) -> None:
        html = render(
            '{% include "components/file_upload.html" with field=form.evidence enhanced=True %}',
            form=FeedbackForm(),
        )

        assert '<div class="govuk-file-upload-wrapper" data-module="govuk-file-upload"' in html
        assert 'data-i18n.choose-files-button="Choose file"' in html


class TestErrorSummary:
    def test_it_links_each_error_to_its_field_in_page_order(self) -> None:
        form = FeedbackForm(data={"email": "nope"})
        form.is_valid()

        html = squash(
            render('{% include "components/error_summary.html" with form=form %}', form=form)
        )

        assert (
            '<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">'
            in html
        )
        assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
        hrefs = re.findall(r'<a href="(#[^"]+)">', html)
        assert hrefs == [
            "#id_full_name",
            "#id_email",
            "#id_details",
            "#id_kind",
            "#id_became_aware-day",
        ]

    def test_form_wide_errors_come_first_without_a_link(self) -> None:
        form = FeedbackForm(data=VALID)
        form.is_valid()
        form.add_error(None, "We could not save your feedback. Try again.")

        html = squash(
            render('{% include "components/error_summary.html" with form=form %}', form=form)
        )

        assert "<li>We could not save your feedback. Try again.</li>" in html

    def test_it_renders_nothing_without_errors(self) -> None:
        assert (
            render(
                '{% include "components/error_summary.html" with form=form %}', form=FeedbackForm()
            ).strip()
            == ""
        )


class TestLayoutTitle:
    PAGE = (
        '{% extends "layouts/public.html" %}'
        "{% block page_title %}Tell us what happened{% endblock %}"
        '{% block content %}{% include "components/error_summary.html" %}{% endblock %}'
    )

    def test_the_title_names_the_page_service_and_council(self) -> None:
        html = render(self.PAGE, form=FeedbackForm())

        assert (
            f"<title>Tell us what happened {DASH} Give feedback {DASH} Northfield Council</title>"
            in html
        )

    def test_the_title_starts_with_error_when_the_form_has_errors(self) -> None:
        form = FeedbackForm(data={})
        form.is_valid()

        html = render(self.PAGE, form=form)

        assert (
            f"<title>Error: Tell us what happened {DASH} Give feedback {DASH} "
            "Northfield Council</title>" in html
        )

    def test_the_staff_layout_shows_its_navigation(self) -> None:
        page = (
            '{% extends "layouts/staff.html" %}{% block page_title %}Cases{% endblock %}'
            "{% block content %}<h1>Cases</h1>{% endblock %}"
        )
        navigation = [
            {"text": "Cases", "href": "/staff/", "current": True},
            {"text": "Reports", "href": "/r/"},
        ]

        html = squash(render(page, navigation=navigation))

        assert "/static/css/staff.css" in html
        assert f"<title>Cases {DASH} Manage feedback {DASH} Northfield Council</title>" in html
        assert (
            '<a class="govuk-service-navigation__link" href="/staff/" aria-current="page">'
            '<strong class="govuk-service-navigation__active-fallback">Cases</strong></a>'
        ) in html

    def test_the_phase_banner_shows_only_when_a_phase_is_set(self, settings: Any) -> None:
        assert "govuk-phase-banner" not in render(self.PAGE, form=FeedbackForm())

        settings.PUTRIGHT_PHASE = "Beta"

        html = render(self.PAGE, form=FeedbackForm())
        assert '<strong class="govuk-tag govuk-phase-banner__content__tag">Beta</strong>' in html


class TestSmallComponents:
    def test_summary_list_rows_with_and_without_actions(self) -> None:
        rows = [
            {"key": "Name", "value": "Ada", "href": "/change/name", "hidden": "your name"},
            {"key": "Address", "value": "1 High Street\nNorthfield"},
        ]

        html = squash(
            render('{% include "components/summary_list.html" with rows=rows %}', rows=rows)
        )

        assert (
            '<a class="govuk-link" href="/change/name">Change'
            '<span class="govuk-visually-hidden"> your name</span></a>' in html
        )
        assert "govuk-summary-list__row govuk-summary-list__row--no-actions" in html
        assert "1 High Street<br>Northfield" in html

    def test_summary_list_without_any_action_needs_no_empty_column(self) -> None:
        rows = [{"key": "Name", "value": "Ada"}]

        html = render('{% include "components/summary_list.html" with rows=rows %}', rows=rows)

        assert "no-actions" not in html

    def test_panel_shows_the_reference(self) -> None:
        html = squash(
            render(
                '{% include "components/panel.html" with title="Feedback sent" '
                'text="Your reference number" reference="CU-1234" %}'
            )
        )

        assert '<h1 class="govuk-panel__title">Feedback sent</h1>' in html
        assert (
            '<div class="govuk-panel__body">Your reference number<br><strong>CU-1234</strong></div>'
            in html
        )

    def test_success_banner_is_an_alert(self) -> None:
        html = render(
            '{% include "components/notification_banner.html" with heading="Sent" success=True %}'
        )

        assert (
            'class="govuk-notification-banner govuk-notification-banner--success" role="alert"'
            in html
        )
        assert ">Success</h2>" in html

    def test_buttons_links_back_link_and_tags(self) -> None:
        assert (
            'type="submit" name="action" value="save" class="govuk-button govuk-button--secondary"'
            in render(
                '{% include "components/button.html" with text="Save" name="action" value="save" '
                'classes="govuk-button--secondary" %}'
            )
        )
        assert '<a href="/x" class="govuk-back-link">Back</a>' in render(
            '{% include "components/back_link.html" with href="/x" %}'
        )
        assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in render(
            '{% include "components/tag.html" with text="Overdue" colour="red" %}'
        )

    def test_everything_is_escaped(self) -> None:
        html = render('{% include "components/tag.html" with text=text %}', text="<script>")

        assert "&lt;script&gt;" in html
