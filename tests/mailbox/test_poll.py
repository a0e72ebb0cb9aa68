"""The complaints mailbox read from a real IMAP server (Dovecot on loopback)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from putright.cases import services
from putright.cases.models import Attachment, Case, Correspondence, Person, Service
from putright.cases.services import PersonDetails
from putright.mailbox import poll
from putright.mailbox.conf import MailboxSettings
from putright.mailbox.imap import Mailbox
from putright.mailbox.models import MailboxMessage
from tests.cases.factories import ServiceFactory
from tests.mailbox.conftest import ImapBox, MessageFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8


@pytest.fixture
def waste(db: None) -> Service:
    return ServiceFactory(code="waste", name="Waste and recycling", process="corporate")


def run(conf: MailboxSettings) -> poll.PollResult:
    return poll.mailbox_poll(conf=conf)


class TestNewComplaint:
    def test_a_new_complaint_with_a_pdf_becomes_one_contact_on_its_date(
        self,
        mailbox: ImapBox,
        imap_server: MailboxSettings,
        waste: Service,
        make_email: MessageFactory,
    ) -> None:
        mailbox.deliver(make_email(files=(("photo-of-bins.pdf", PDF, "application/pdf"),)))

        assert run(imap_server).counts == {"contact": 1}

        case = Case.objects.get()
        assert (case.status, case.channel, case.received_on) == (
            "received",
            "email",
            dt.date(2026, 12, 1),
        )
        contact = case.contacts.get()
        assert contact.received_at == dt.datetime(2026, 12, 1, 9, 15, tzinfo=dt.UTC)
        assert contact.text == "My bins have not been collected for three weeks."
        assert case.person.email == "margaret.wilson@example.org"
        attachment = Attachment.objects.get(correspondence__case=case)
        assert (attachment.original_name, attachment.content_type) == (
            "photo-of-bins.pdf",
            "application/pdf",
        )
        assert "\\Seen" in mailbox.flags()[0] and "PutRightProcessed" in mailbox.flags()[0]

    def test_the_sender_is_matched_to_the_person_with_that_email(
        self,
        mailbox: ImapBox,
        imap_server: MailboxSettings,
        waste: Service,
        make_email: MessageFactory,
    ) -> None:
        known = Person.objects.create(name="Margaret Wilson", email="margaret.wilson@example.org")
        mailbox.deliver(make_email(sender="M Wilson <Margaret.Wilson@example.org>"))
        run(imap_server)
        assert Case.objects.get().person == known
        assert Person.objects.count() == 1

    def test_a_second_poll_finds_nothing_new(
        self,
        mailbox: ImapBox,
        imap_server: MailboxSettings,
        waste: Service,
        make_email: MessageFactory,
    ) -> None:
        mailbox.deliver(make_email())
        run(imap_server)
        assert run(imap_server).counts == {}
        assert Case.objects.count() == 1


class TestReplies:
    def test_a_reply_quoting_a_reference_joins_that_cases_correspondence(
        self,
        mailbox: ImapBox,
        imap_server: MailboxSettings,
        waste: Service,
        make_email: MessageFactory,
    ) -> None:
        case = services.contact_record(
            channel="phone",
            person=PersonDetails(name="Margaret Wilson", email="margaret.wilson@example.org"),
            service=waste,
            text="Bins missed",
            actor=services.SYSTEM,
        )
        spaced = f"{case.reference[:6]} {case.reference[6:]}"
        mailbox.deliver(
            make_email(
                subject=f"Re: Your complaint {spaced}",
                text="Here is the photo you asked for.",
                files=(("bins.pdf", PDF, "application/pdf"),),
            )
        )

        assert run(imap_server).counts == {"joined": 1}

        assert Case.objects.count() == 1
        letter = Correspondence.objects.get(case=case, direction="in", channel="email")
        assert letter.body == "Here is the photo you asked for."
        assert letter.attachments.count() == 1
        assert case.timeline.filter(action="correspondence_received").count() == 1


class TestNotComplaints:
    @pytest.mark.parametrize(
        ("sender", "subject", "headers"),
        [
            ("Mail Delivery System <MAILER-DAEMON@example.org>", "Undelivered Mail", {}),
            ("Jo <jo@example.org>", "Automatic reply: Your complaint", {}),
            ("Jo <jo@example.org>", "Away", {"Auto-Submitted": "auto-replied"}),
            ("Jo <jo@example.org>", "Away", {"X-Autoreply": "yes"}),
        ],
    )
    def test_bounces_and_automatic_replies_are_recognised_and_not_made_into_cases(
        self,
        mailbox: ImapBox,
        imap_server: MailboxSettings,
        waste: Service,
        make_email: MessageFactory,
        sender: str,
        subject: str,
        headers: dict[str, str],
    ) -> None:
        mailbox.deliver(make_email(sender=sender, subject=subject, headers=headers))
        result = run(imap_server)
        assert set(result.counts) <= {"bounce", "auto_reply"} and sum(result.counts.values()) == 1
        assert not Case.objects.exists()
        assert "PutRightProcessed" in mailbox.flags()[0]


class TestRefusedFiles:
    def test_an_executable_renamed_pdf_is_refused_and_the_message_kept_for_a_person(
        self,
        mailbox: ImapBox,
        imap_server: MailboxSettings,
        waste: Service,
        make_email: MessageFactory,
    ) -> None:
        mailbox.deliver(make_email(files=(("invoice.pdf", EXECUTABLE, "application/pdf"),)))

        assert run(imap_server).counts == {"held": 1}

        assert not Case.objects.exists() and not Attachment.objects.exists()
        held = MailboxMessage.objects.get()
        assert held.outcome == "held" and "invoice.pdf must be a PDF" in held.detail
        flags = mailbox.flags()[0]
        assert "PutRightHeld" in flags and "\\Seen" not in flags  # still unread for people
        assert mailbox.count() == 1
        assert run(imap_server).counts == {}  # not read again at every poll


class Killed(BaseException):
    """The poller's process dying: not an Exception, so nothing catches it."""


class TestCrashes:
    def _three(self, mailbox: ImapBox, make_email: MessageFactory) -> None:
        for n in range(3):
            mailbox.deliver(make_email(subject=f"Complaint {n}", text=f"Complaint number {n}"))

    def test_killed_after_storing_before_marking_then_restarted_duplicates_nothing(
        self,
        mailbox: ImapBox,
        imap_server: MailboxSettings,
        waste: Service,
        make_email: MessageFactory,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        self._three(mailbox, make_email)
        marks = {"n": 0}
        real_mark = Mailbox.mark

        def mark_then_die(box: Mailbox, uid: str, keyword: str) -> None:
            marks["n"] += 1
            if marks["n"] == 2:  # the second message is stored but never marked
                raise Killed
            real_mark(box, uid, keyword)

        monkeypatch.setattr(Mailbox, "mark", mark_then_die)
        with pytest.raises(Killed):
            run(imap_server)
        assert Case.objects.count() == 2

        monkeypatch.setattr(Mailbox, "mark", real_mark)
        result = run(imap_server)

        assert result.counts == {"already stored": 1, "contact": 1}
        assert sorted(Case.objects.values_list("summary", flat=True)) == [
            "Complaint 0",
            "Complaint 1",
            "Complaint 2",
        ]
        assert all("PutRightProcessed" in f for f in mailbox.flags())

    def test_killed_while_storing_then_restarted_loses_nothing(
        self,
        mailbox: ImapBox,
        imap_server: MailboxSettings,
        waste: Service,
        make_email: MessageFactory,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        self._three(mailbox, make_email)
        calls = {"n": 0}
        real_receive = poll.email_receive

        def die_on_second(**kwargs: object) -> object:
            calls["n"] += 1
            if calls["n"] == 2:
                raise Killed
            return real_receive(**kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(poll, "email_receive", die_on_second)
        with pytest.raises(Killed):
            run(imap_server)
        assert Case.objects.count() == 1 and MailboxMessage.objects.count() == 1

        monkeypatch.setattr(poll, "email_receive", real_receive)
        assert run(imap_server).counts == {"contact": 2}
        assert Case.objects.count() == 3


class TestCommand:
    def test_mailbox_poll_reads_the_mailbox_named_in_the_settings(
        self,
        mailbox: ImapBox,
        imap_server: MailboxSettings,
        waste: Service,
        make_email: MessageFactory,
        settings: pytest.FixtureRequest,
    ) -> None:
        settings.PUTRIGHT_MAILBOX = {  # type: ignore[attr-defined]
            "HOST": imap_server.host,
            "PORT": imap_server.port,
            "USER": imap_server.user,
            "PASSWORD": imap_server.password,
            "SSL": False,
            "SERVICE": "waste",
        }
        mailbox.deliver(make_email())
        out = StringIO()
        call_command("mailbox_poll", stdout=out)
        assert out.getvalue().strip() == "mailbox_poll: 1 contact"
        assert Case.objects.count() == 1

    def test_a_wrong_password_is_a_clear_error_and_changes_nothing(
        self, imap_server: MailboxSettings, waste: Service
    ) -> None:
        conf = dataclasses.replace(imap_server, password="wrong")
        with pytest.raises(poll.MailboxError, match="Could not open the mailbox"):
            poll.mailbox_poll(conf=conf)


class TestScheduledJob:
    def test_the_scheduler_reads_the_mailbox_when_it_is_configured(
        self,
        mailbox: ImapBox,
        imap_server: MailboxSettings,
        waste: Service,
        make_email: MessageFactory,
        settings: pytest.FixtureRequest,
    ) -> None:
        from putright.notifications.scheduler import FREQUENT_JOBS, scheduler_run

        assert "mailbox_poll" in FREQUENT_JOBS  # the loop runs it at every wake-up
        settings.PUTRIGHT_MAILBOX = {  # type: ignore[attr-defined]
            "HOST": imap_server.host,
            "PORT": imap_server.port,
            "USER": imap_server.user,
            "PASSWORD": imap_server.password,
            "SSL": False,
            "SERVICE": "waste",
        }
        mailbox.deliver(make_email())
        [result] = scheduler_run(jobs=["mailbox_poll"])
        assert result.describe() == "mailbox_poll: 1 contact"
        assert Case.objects.count() == 1

    def test_without_a_mailbox_the_job_is_skipped(self, db: None) -> None:
        from putright.notifications.scheduler import scheduler_run

        [result] = scheduler_run(jobs=["mailbox_poll"])
        assert result.describe() == "mailbox_poll: skipped (no mailbox configured)"
