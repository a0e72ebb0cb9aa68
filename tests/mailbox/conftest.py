"""A real IMAP server for the mailbox tests: Debian's Dovecot (`make mail-deps`), started on
loopback with a throwaway configuration in a temporary folder, one per test session.

Messages are put in with IMAP APPEND, as a mail server's delivery would leave them.
"""

from __future__ import annotations

import getpass
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from putright.mailbox.conf import MailboxSettings

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "complaints", "a-throwaway-password"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _config(root: Path, port: int) -> str:
    # As root, Dovecot's own unprivileged users run it; otherwise everything runs as us.
    if os.getuid() == 0:
        internal, login = "dovecot", "dovenull"
        owner = pwd.getpwnam("dovecot")
    else:
        internal = login = getpass.getuser()
        owner = pwd.getpwuid(os.getuid())
    return f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = {owner.pw_uid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={owner.pw_uid} gid={owner.pw_gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


@pytest.fixture(scope="session")
def imap_server() -> Iterator[MailboxSettings]:
    if not os.path.exists(DOVECOT):
        pytest.fail("The mailbox tests need Dovecot: run 'make mail-deps'.")
    # Not pytest's tmp_path: Dovecot's own users must be able to reach the folder.
    root = Path(tempfile.mkdtemp(prefix="putright-dovecot-"))
    os.chmod(root, 0o755)  # noqa: S103 - a throwaway folder holding test mail only
    for sub in ("run", "state", "home"):
        (root / sub).mkdir()
    if os.getuid() == 0:
        owner = pwd.getpwnam("dovecot")
        os.chown(root / "home", owner.pw_uid, owner.pw_gid)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    port = _free_port()
    conf = root / "dovecot.conf"
    conf.write_text(_config(root, port))
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)])  # noqa: S603
    try:
        _wait_for(port, process, root)
        yield MailboxSettings(
            host="127.0.0.1",
            port=port,
            user=USER,
            password=PASSWORD,
            folder="INBOX",
            ssl=False,
            service="waste",
        )
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


def _wait_for(port: int, process: subprocess.Popen[bytes], root: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
            pytest.fail(f"Dovecot stopped at start-up:\n{log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail("Dovecot did not start listening.")


class ImapBox:
    """The test's view of the mailbox: put messages in, read their flags."""

    def __init__(self, conf: MailboxSettings) -> None:
        self.conf = conf

    def _open(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4(self.conf.host, self.conf.port)
        imap.login(self.conf.user, self.conf.password)
        imap.select("INBOX")
        return imap

    def empty(self) -> None:
        imap = self._open()
        imap.store("1:*", "+FLAGS", "(\\Deleted)") if self.count() else None
        imap.expunge()
        imap.logout()

    def count(self) -> int:
        imap = self._open()
        _, data = imap.search(None, "ALL")
        imap.logout()
        return len(data[0].split())

    def deliver(self, message: EmailMessage) -> None:
        imap = self._open()
        imap.append("INBOX", "", imaplib.Time2Internaldate(time.time()), message.as_bytes())
        imap.logout()

    def flags(self) -> list[str]:
        imap = self._open()
        _, data = imap.fetch("1:*", "(FLAGS)")
        imap.logout()
        return [item.decode() for item in data if isinstance(item, bytes)]


@pytest.fixture
def mailbox(imap_server: MailboxSettings) -> Iterator[ImapBox]:
    box = ImapBox(imap_server)
    box.empty()
    yield box
    box.empty()


def email_message(
    *,
    sender: str = "Margaret Wilson <margaret.wilson@example.org>",
    subject: str = "Missed bin collections",
    text: str = "My bins have not been collected for three weeks.",
    date: str = "Tue, 01 Dec 2026 09:15:00 +0000",
    message_id: str | None = None,
    files: tuple[tuple[str, bytes, str], ...] = (),
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "complaints@northfield.example.gov.uk"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = message_id or f"<{time.time_ns()}@example.org>"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    for name, data, mime in files:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message


MessageFactory = Callable[..., EmailMessage]


@pytest.fixture
def make_email() -> MessageFactory:
    return email_message
