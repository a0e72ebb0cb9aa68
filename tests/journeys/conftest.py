"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live_server.

Playwright never downloads a browser here: `make browser-deps` installs /usr/bin/chromium
(set CHROMIUM_PATH to use another build). A browser test asks for one of these fixtures:

- `page`: a tab with JavaScript on; `page_without_js`: one with JavaScript off;
  `any_page`: runs the test twice, once with each (its id says which).
- `site_url("/privacy/")`: the live server's address for a path.
- `axe(page)`: checks the page against WCAG 2.2 AA and fails listing every violation.
- `screenshot(page, "step")`: writes artefacts/screenshots/<test>-<step>.png.
- `keyboard`: `tab_to(page, locator)` and `assert_visible_focus(page, locator)`.

Every page fixture also fails the test if one of the site's own static files fails to
load or the page throws an uncaught JavaScript error.
"""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from weakref import WeakSet

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artefacts" / "screenshots"
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Contexts opened with JavaScript off: axe needs scripts, so it checks their pages' HTML
# in a scripted tab instead (see `axe`).
_NO_JS_CONTEXTS: "WeakSet[BrowserContext]" = WeakSet()


@pytest.fixture(scope="module")
def _playwright() -> Iterator[Playwright]:
    # Playwright's sync API keeps an asyncio event loop running on this thread, so Django's
    # async-safety check sees it and refuses the test's own database calls (fixtures,
    # transactional_db's flush) with SynchronousOnlyOperation. Those calls never run
    # concurrently with the loop, so the check is a false alarm: switch it off, only for
    # as long as Playwright runs (module scope, so the rest of the suite keeps the check).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            yield playwright


@pytest.fixture(scope="module")
def browser(_playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: run `make browser-deps` (as root).")
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def site_url(live_server: Any) -> Callable[[str], str]:
    def url(path: str = "/") -> str:
        return f"{live_server.url}{path}"

    return url


def _open_page(browser: Browser, live_server: Any, *, javascript: bool) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=javascript, viewport=VIEWPORT, locale="en-GB")
    if not javascript:
        _NO_JS_CONTEXTS.add(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))

    def check_response(response: Any) -> None:
        if response.url.startswith(f"{live_server.url}/static/") and response.status >= 400:
            problems.append(f"{response.status} for {response.url}")

    page.on("response", check_response)
    yield page
    context.close()
    assert not problems, "The page had problems:\n" + "\n".join(problems)


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    """A browser tab with JavaScript on."""
    yield from _open_page(browser, live_server, javascript=True)


@pytest.fixture
def page_without_js(browser: Browser, live_server: Any) -> Iterator[Page]:
    """A browser tab with JavaScript off: every journey must work without it."""
    yield from _open_page(browser, live_server, javascript=False)


@pytest.fixture(params=["javascript", "no-javascript"])
def any_page(request: pytest.FixtureRequest, browser: Browser, live_server: Any) -> Iterator[Page]:
    """A tab with JavaScript on, then (the test runs twice) one with it off."""
    yield from _open_page(browser, live_server, javascript=request.param == "javascript")


_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)


def _axe_violations(page: Page) -> list[dict[str, Any]]:
    page.evaluate(AXE_SOURCE)
    violations: list[dict[str, Any]] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
                                     resultTypes: ["violations"]})
                   .then(results => results.violations)""",
        AXE_TAGS,
    )
    return violations


@pytest.fixture
def axe(browser: Browser) -> Callable[[Page], None]:
    """`axe(page)`: fail listing each WCAG 2.2 AA violation axe-core finds on the page."""

    def check(page: Page) -> None:
        if page.context in _NO_JS_CONTEXTS:
            # axe-core needs timers, which do not run with JavaScript off. Check the same
            # HTML, minus its scripts, in a scripted tab at the same address (so its
            # stylesheets load the same way): what a person without JavaScript gets.
            url, html = page.url, _SCRIPT.sub("", page.content())
            context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
            try:
                checker = context.new_page()
                checker.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
                checker.goto(url)
                violations = _axe_violations(checker)
            finally:
                context.close()
        else:
            violations = _axe_violations(page)
        if violations:
            pytest.fail(_describe(page.url, violations), pytrace=False)

    return check


def _describe(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['failureSummary'].replace(chr(10), ' ')}")
    return "\n".join(lines)


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    """`screenshot(page, "step")`: the whole page to artefacts/screenshots/<test>-<step>.png."""
    test = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")

    def take(page: Page, step: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{test}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


class Keyboard:
    """Drive a page with the keyboard only, as someone who cannot use a mouse does."""

    def tab_to(self, page: Page, target: Locator, *, max_presses: int = 50) -> int:
        """Press Tab until `target` has focus; return how many presses it took."""
        visited = []
        for presses in range(1, max_presses + 1):
            page.keyboard.press("Tab")
            if target.evaluate("element => element === document.activeElement"):
                return presses
            visited.append(page.evaluate(_DESCRIBE_FOCUS))
        pytest.fail(
            f"{max_presses} presses of Tab never reached {target}; focus went to:\n"
            + "\n".join(visited)
        )

    def assert_visible_focus(self, page: Page, target: Locator) -> None:
        """Fail unless `target` has focus and looks different because of it (WCAG 2.4.7)."""
        assert target.evaluate("element => element === document.activeElement"), (
            f"{target} does not have focus"
        )
        focused = target.evaluate(_FOCUS_STYLES)
        target.evaluate("element => element.blur()")
        unfocused = target.evaluate(_FOCUS_STYLES)
        target.focus()
        assert focused != unfocused, f"{target} looks the same with and without focus"


_DESCRIBE_FOCUS = """() => {
  const e = document.activeElement;
  if (!e) return "nothing";
  const text = (e.textContent || "").trim().slice(0, 40);
  return `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""} "${text}"`;
}"""

# The properties a focus style can change (GOV.UK's: a yellow background, a thick black
# underline drawn as a box shadow, and outlines).
_FOCUS_STYLES = """element => {
  const style = getComputedStyle(element);
  return ["outline-style", "outline-width", "outline-color", "box-shadow",
          "background-color", "color", "text-decoration-line"]
    .map(name => style.getPropertyValue(name));
}"""


@pytest.fixture
def keyboard() -> Keyboard:
    return Keyboard()


@pytest.fixture(autouse=True)
def letter_templates(request: pytest.FixtureRequest) -> None:
    """Browser tests flush the database between tests, taking the letter templates a data
    migration seeded; every move that issues a letter needs them, so seed them again as the
    migration does. Tests without a database (the component gallery) are left alone."""
    if "live_server" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from putright.letters.models import LetterTemplate
    from tests.journeys.letter_seeding import letter_templates_seed

    if not LetterTemplate.objects.exists():
        letter_templates_seed()
