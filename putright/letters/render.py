"""From a template and a context to the three things a letter is: an accessible tagged PDF,
an email body in plain text, and (on request or by adjustment) a large-print PDF.

The letter's frame (letterhead, addresses, date, reference, title, page numbers) is the
developers' `layout/letter.html`; the complaints team's template fills its body. The PDF is
PDF/UA-1 (tagged, with the title and `en-GB` language), made by WeasyPrint with a URL
fetcher that fetches nothing: a letter is built from its own text and the system's fonts.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NoReturn

import jinja2
from markupsafe import Markup

from putright.letters import sandbox
from putright.letters.kinds import KIND_RULES
from putright.letters.sandbox import LetterError, TemplateRejected

LAYOUT_DIR = Path(__file__).resolve().parent / "layout"


class LetterIncomplete(LetterError):
    """The letter leaves out something its kind must say (for responses, items (a)-(g))."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = tuple(missing)
        super().__init__(
            "The letter cannot be issued: it leaves out " + "; ".join(self.missing) + "."
        )


@dataclass(frozen=True, slots=True)
class ComposedLetter:
    """A letter before its PDF: subject, body HTML, the whole document, the plain text."""

    subject: str
    body_html: str
    document_html: str
    text: str
    large_print: bool


# ---------------------------------------------------------------------------------------
# Required items


def values_at(context: Mapping[str, Any], path: str) -> list[str]:
    """The non-empty values at `path` in `context` ("a.b", "a[]", "a[].b"), as text."""
    found: list[Any] = [context]
    for part in path.split("."):
        many = part.endswith("[]")
        key = part.removesuffix("[]")
        step: list[Any] = []
        for item in found:
            value = item.get(key) if isinstance(item, Mapping) else None
            if many:
                step.extend(value or [])
            else:
                step.append(value)
        found = step
    return [str(v) for v in found if v not in (None, "", False)]


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def missing_items(kind: str, context: Mapping[str, Any], text: str) -> list[str]:
    """The required items of `kind` whose values the letter's text does not contain."""
    squashed = _squash(text)
    missing = []
    for path in KIND_RULES[kind].required:
        for value in values_at(context, path):
            if _squash(tidy_punctuation(value)) not in squashed:
                missing.append(f"{path} ({value[:60]!r})")
    return missing


# ---------------------------------------------------------------------------------------
# Plain text


class _TextMaker(HTMLParser):
    """The allowed body elements as plain text: blank lines between blocks, list items
    one a line with "- " or "1. ", line breaks kept."""

    _BLOCKS = frozenset({"h2", "h3", "p", "li"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.pieces: list[str] = []
        self.prefix = ""
        self.lists: list[list[Any]] = []  # [kind, counter]

    def flush(self, kind: str) -> None:
        raw = "".join(self.pieces)
        lines = [" ".join(line.split()) for line in raw.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self.blocks.append((kind, self.prefix + text))
        self.pieces = []
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self.flush("p")
            self.lists.append([tag, 0])
        elif tag in self._BLOCKS:
            self.flush("p")
            if tag == "li" and self.lists:
                self.lists[-1][1] += 1
                kind, n = self.lists[-1]
                self.prefix = f"{n}. " if kind == "ol" else "- "
        elif tag == "br":
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self.flush(tag)
        elif tag in ("ul", "ol") and self.lists:
            self.flush("p")
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        self.pieces.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        self.flush("p")
        out: list[str] = []
        previous = ""
        for kind, block in self.blocks:
            if out:
                out.append("\n" if kind == previous == "li" else "\n\n")
            out.append(block)
            previous = kind
        return "".join(out)


def html_to_text(body_html: str) -> str:
    """A letter body's HTML (the allowed elements) as plain text for an email."""
    maker = _TextMaker()
    maker.feed(body_html)
    maker.close()
    return maker.text()


# ---------------------------------------------------------------------------------------
# Composing


@cache
def _layout() -> jinja2.Template:
    # The developers' frame, trusted code: a plain environment, still autoescaped.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(LAYOUT_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("letter.html")


def _subject(source: str, context: Mapping[str, Any]) -> str:
    rendered = sandbox.render(source, context)
    if "<" in rendered:
        raise TemplateRejected(["The subject is one line of text, without HTML."])
    subject = " ".join(html.unescape(rendered).split())
    if not subject:
        raise TemplateRejected(["The subject is empty."])
    return subject


def _footer_text(context: Mapping[str, Any]) -> str:
    team = context["team"]
    contact = [
        team["name"],
        ", ".join(team["address_lines"]),
        f"Phone: {team['phone']}",
        f"Email: {team['email']}",
    ]
    return (
        "\n".join(line for line in contact if line) + f"\n\nOur reference: {context['reference']}"
    )


_DOUBLED_STOP = re.compile(r"(?<![.])([.!?])\.(?![.])")
_DOUBLED_COMMA = re.compile(r",\s*,")
_BLOCK = re.compile(r"<(p|ul|ol)>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# A repeated block shorter than this is a legitimate refrain ("Yes."), not a copied paragraph.
_REPEAT_MIN_CHARS = 60
_SIGN_OFF = re.compile(
    r"(?:<(p|ul|ol)>(?:(?!</\1>).)*</\1>\s*)?<p>Yours (?:sincerely|faithfully),?</p>.*\Z", re.DOTALL
)


def tidy_punctuation(text: str) -> str:
    """One full stop where two meet ("ruined.. You" -> "ruined. You"), one comma for two;
    an ellipsis is left alone."""
    return _DOUBLED_COMMA.sub(",", _DOUBLED_STOP.sub(r"\1", text))


def _drop_repeated_blocks(body_html: str) -> str:
    """Each paragraph or list once: a block saying exactly what an earlier one said (free
    text an officer typed that the template also prints) is dropped."""
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        words = _squash(_TAG.sub(" ", match.group(0)))
        if len(words) < _REPEAT_MIN_CHARS:
            return match.group(0)
        if words in seen:
            return ""
        seen.add(words)
        return match.group(0)

    return _BLOCK.sub(keep_first, body_html)


def letter_tidy(body_html: str) -> str:
    """The rendered body without doubled punctuation or repeated paragraphs."""
    return _drop_repeated_blocks(tidy_punctuation(body_html))


def _keep_sign_off_together(body_html: str) -> str:
    """Wrap the last paragraph and the sign-off in one block the layout keeps on one page,
    so the signature never sits alone on a blank last page (large print especially)."""
    return _SIGN_OFF.sub(lambda m: f'<div class="sign-off">{m.group(0)}</div>', body_html, 1)


def letter_compose(
    *, kind: str, subject: str, body: str, context: Mapping[str, Any], large_print: bool
) -> ComposedLetter:
    """Render a template's subject and body in the sandbox and frame them.

    Raises TemplateRejected (the template broke a sandbox rule) and LetterIncomplete (the
    letter leaves out an item its kind requires).
    """
    values = {**context, "large_print": large_print}
    title = _subject(subject, values)
    body_html = letter_tidy(sandbox.render(body, values))
    problems = sandbox.markup_problems(body_html)
    if problems:
        raise TemplateRejected(problems)
    text = f"{html_to_text(body_html)}\n\n{_footer_text(values)}\n"
    missing = missing_items(kind, values, text)
    if missing:
        raise LetterIncomplete(missing)
    # The body passed the sandbox and the markup check above, so it goes in unescaped.
    framed = _keep_sign_off_together(body_html)
    document = _layout().render(**values, subject=title, body=Markup(framed))  # noqa: S704
    return ComposedLetter(
        subject=title,
        body_html=body_html,
        document_html=document,
        text=text,
        large_print=large_print,
    )


@cache
def _weasyprint() -> tuple[Any, Any]:
    """WeasyPrint and a URL fetcher that fetches nothing, loaded on first use (it is slow
    to import, and only letters need it)."""
    # WeasyPrint reports each step of every PDF at INFO; that is noise in the server's log.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    import weasyprint
    from weasyprint.urls import URLFetcher

    class FetchNothing(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
        """Letters load no image, stylesheet or font from a URL or a file path."""

        def fetch(self, url: str, headers: Any = None) -> NoReturn:
            raise ValueError(f"Letters load nothing from outside the letter: {url}")

    return weasyprint, FetchNothing


def pdf_render(document_html: str) -> bytes:
    """The letter as a tagged PDF/UA-1 document (fonts embedded, title and language set)."""
    weasyprint, fetch_nothing = _weasyprint()
    document = weasyprint.HTML(string=document_html, url_fetcher=fetch_nothing())
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    return bytes(pdf)
