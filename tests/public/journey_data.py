"""A complete set of answers to the feedback journey, page by page, for the test client
and the browser tests alike."""

from __future__ import annotations

from typing import Any

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200

# slug -> POST data, for a resident complaining for themselves about waste.
FOR_MYSELF: dict[str, dict[str, Any]] = {
    "": {"kind": "complaint"},
    "service": {"service": "waste"},
    "what-happened": {"details": "The bin was missed three weeks running."},
    "when": {"aware_on_day": "2", "aware_on_month": "11", "aware_on_year": "2026"},
    "outcome": {"outcome": "Collect it and say sorry"},
    "someone-else": {"for_someone": "no"},
    "adjustments": {"adjustments": ["large_print", "interpreter"], "language": "Polish"},
    "contact-method": {"method": "email"},
    "contact-frequency": {"frequency": "fortnightly"},
    "your-details": {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "phone": "07700 900123",
        "address": "1 High Street\nNorthfield",
        "postcode": "nf1 1aa",
    },
    "attachments": {"action": "continue"},
}

# For a carer acting for someone about housing repairs (a landlord service).
FOR_SOMEONE: dict[str, dict[str, Any]] = {
    "": {"kind": "complaint"},
    "service": {"service": "housing-repairs"},
    "what-happened": {"details": "Damp in my mother's flat since March."},
    "when": {"aware_on_day": "1", "aware_on_month": "3", "aware_on_year": "2026"},
    "outcome": {"outcome": "Fix the damp"},
    "someone-else": {"for_someone": "yes"},
    "relationship": {"relationship": "carer"},
    "consent": {"consent": "declared"},
    "tenant": {"tenant": "yes"},
    "adjustments": {"adjustments": ["none"]},
    "contact-method": {"method": "letter"},
    "contact-frequency": {"frequency": "monthly"},
    "their-details": {
        "name": "Edith Brown",
        "address": "Flat 2, Tower Court\nNorthfield",
        "postcode": "NF2 2BB",
    },
    "your-details": {
        "name": "Bob Carer",
        "organisation": "Carers Together",
        "email": "bob@example.org",
        "phone": "01632 960001",
    },
    "attachments": {"action": "continue"},
}


def docx() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", EXE)
    return buffer.getvalue()
