"""The sandbox letter templates run in: no code from template authors.

Templates are written by the complaints team in the admin, so they are treated as untrusted
input. Three fences:

1. Before a template is saved, its syntax tree is read: calling anything, reaching for an
   internal attribute (`__class__`, `_meta`), including or importing other templates,
   macros, arithmetic that could exhaust memory, an unknown filter or an unknown variable
   is refused with the line and a plain-English reason.
2. It runs in Jinja2's `SandboxedEnvironment` with no globals, a short list of filters,
   autoescape on and strict undefined values, over a context of plain values only (strings,
   numbers, booleans, lists and dicts of those: no model objects, no callables). Anything
   the first fence missed raises here.
3. What it produces may only use a few HTML elements without attributes (headings,
   paragraphs, lists, emphasis, line breaks), so it cannot pull in a file or a URL when the
   PDF is made; WeasyPrint is also given a URL fetcher that refuses everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from html.parser import HTMLParser
from typing import Any, Final

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape


class LetterError(Exception):
    """Base of the letters app's named errors; the message is for the person who acted."""


class TemplateRejected(LetterError):
    """A letter template that cannot be used: `problems` says why, one line each."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("This template cannot be used: " + " ".join(self.problems))


ALLOWED_TAGS: Final = frozenset({"h2", "h3", "p", "ul", "ol", "li", "strong", "em", "br"})

# Formatting only. Not `safe` (it would let a resident's words through unescaped), not
# `attr`/`map`/`format` (attribute access and format strings), not `tojson`/`pprint`.
ALLOWED_FILTERS: Final = frozenset(
    {
        "capitalize",
        "count",
        "d",
        "default",
        "e",
        "escape",
        "first",
        "join",
        "last",
        "length",
        "lower",
        "replace",
        "sort",
        "striptags",
        "title",
        "trim",
        "truncate",
        "upper",
    }
)

_REFUSED_NODES: Final[tuple[tuple[type[nodes.Node], str], ...]] = (
    (nodes.Call, "calling functions or methods is not allowed"),
    (nodes.Extends, "templates cannot extend other templates"),
    (nodes.Include, "templates cannot include other templates"),
    (nodes.Import, "templates cannot import other templates"),
    (nodes.FromImport, "templates cannot import other templates"),
    (nodes.Macro, "macros are not allowed"),
    (nodes.CallBlock, "macros are not allowed"),
    (nodes.Mul, "arithmetic is not allowed"),
    (nodes.Pow, "arithmetic is not allowed"),
    (nodes.Div, "arithmetic is not allowed"),
    (nodes.FloorDiv, "arithmetic is not allowed"),
    (nodes.Mod, "arithmetic is not allowed"),
)


def paragraphs(value: Any) -> Markup:
    """Text as HTML paragraphs: a blank line starts a new one, a line break stays one.

    For free text such as the reasons for a decision. The text is escaped first.
    """
    text = str(value).replace("\r\n", "\n").strip()
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in p.split("\n")))
        for p in parts
    )


@cache
def environment() -> SandboxedEnvironment:
    """The one sandboxed environment letters are rendered in."""
    env = SandboxedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.clear()
    env.filters = {name: env.filters[name] for name in ALLOWED_FILTERS}
    env.filters["paragraphs"] = paragraphs
    return env


def static_problems(source: str, *, variables: Iterable[str]) -> list[str]:
    """What is wrong with a template before it ever runs, one plain sentence each."""
    env = environment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as error:
        return [f"Line {error.lineno}: {error.message}."]
    problems = [
        f"Line {node.lineno}: {reason}."
        for kind, reason in _REFUSED_NODES
        for node in tree.find_all(kind)
    ]
    internal = "is internal; use the letter's variables"
    for attr in tree.find_all(nodes.Getattr):
        if attr.attr.startswith("_"):
            problems.append(f"Line {attr.lineno}: '{attr.attr}' {internal}.")
    for item in tree.find_all(nodes.Getitem):
        if isinstance(item.arg, nodes.Const) and str(item.arg.value).startswith("_"):
            problems.append(f"Line {item.lineno}: '{item.arg.value}' {internal}.")
    for used in tree.find_all(nodes.Filter):
        if used.name not in env.filters:
            problems.append(f"Line {used.lineno}: there is no filter called '{used.name}'.")
    for test in tree.find_all(nodes.Test):
        if test.name not in env.tests:
            problems.append(f"Line {test.lineno}: there is no test called '{test.name}'.")
    if problems:  # finding the variables compiles the template, which the above may stop
        return sorted(set(problems), key=problems.index)
    try:
        undeclared = meta.find_undeclared_variables(tree)
    except TemplateError as error:
        return [f"{error}."]
    for name in sorted(undeclared - set(variables)):
        problems.append(f"There is no variable called '{name}' in this kind of letter.")
    return sorted(set(problems), key=problems.index)


def render(source: str, context: Mapping[str, Any]) -> str:
    """Render a template in the sandbox; any refusal or error becomes TemplateRejected."""
    try:
        return environment().from_string(source).render(dict(context))
    except TemplateSyntaxError as error:
        raise TemplateRejected([f"Line {error.lineno}: {error.message}."]) from error
    except TemplateError as error:  # SecurityError, UndefinedError, ...
        raise TemplateRejected([f"{type(error).__name__}: {error}."]) from error


class _MarkupCheck(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(
                f"<{tag}> is not allowed; use only {', '.join(sorted(ALLOWED_TAGS))}."
            )
        elif attrs:
            self.problems.append(f"<{tag}> cannot have attributes ({attrs[0][0]}).")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("Declarations are not allowed.")

    def handle_pi(self, data: str) -> None:
        self.problems.append("Processing instructions are not allowed.")


def markup_problems(html: str) -> list[str]:
    """Elements or attributes a rendered letter body may not use."""
    check = _MarkupCheck()
    check.feed(html)
    check.close()
    return sorted(set(check.problems), key=check.problems.index)


def plain_value(value: Any, path: str = "context") -> None:
    """Refuse anything but plain values in a context: the sandbox's last line of defence.

    Raises TypeError naming the path of the first value that is not plain.
    """
    if value is None or isinstance(value, str | bool | int | float):
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path} has a key that is not text: {key!r}")
            plain_value(item, f"{path}.{key}")
        return
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            plain_value(item, f"{path}[{i}]")
        return
    raise TypeError(f"{path} is a {type(value).__name__}; letter contexts hold plain values only")
