"""Every page each role can reach, on a phone, a tablet and a desktop (issue 20).

For each demo login (and no login) the browser starts from the role's home page and every
parameterless route the access matrix lets it use, follows the links it finds, and visits one page
per route name. On each page, at 375, 768 and 1280 px:

- nothing scrolls sideways;
- every checkbox and radio is drawn inside its label's row (DKFDS draws the box relative to the
  nearest positioned ancestor, which is the page's corner when the row is missing);
- axe-core finds no WCAG 2.1 AA violation;
- no select offers Django's "---------", and no amount reads "kr.." ;
- chart labels are at least 12 px.

A screenshot of every page at every width goes to `SCREENSHOT_DIR` (default
`test-results/screenshots/`, kept by CI, ignored by git).
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from astnet.models import Role
from tests.astnet.test_access_matrix import PUBLIC, ROUTES, _url_for
from tests.e2e.conftest import DEMO_PASSWORD, SCREENSHOT_DIR, WCAG_21_AA, log_in

pytestmark = pytest.mark.e2e

WIDTHS = (375, 768, 1280)

LOGINS = {
    None: None,
    Role.STAFF: "medarbejder",
    Role.LEADER: "leder",
    Role.COUNCIL_MEMBER: "raadsmedlem",
    Role.PEER_MENTOR: "peer",
    Role.ADMINISTRATION: "administration",
    Role.DATA_PROTECTION_OFFICER: "databeskyttelse",
}

# Routes that answer with a file or a fragment, not a page, and the ones that end the visit.
NOT_PAGES = re.compile(r"pdf|calendar|export|download|minutes|healthz|logout|set_language|_row$")

HORIZONTAL_OVERFLOW = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .filter(el => !el.closest('.table--responsive-scroll, .table-scroll, .dashboard-table, .workshop-compare'))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest: wide};
}"""

# A box sits in its label's row when the input (invisible, where DKFDS draws the box) overlaps the
# label vertically and starts at the row's left edge, just before the label's text.
MISPLACED_BOXES = """() => {
  const wrong = [];
  for (const input of document.querySelectorAll('main input[type=checkbox], main input[type=radio]')) {
    const style = getComputedStyle(input);
    if (style.display === 'none' || input.closest('[hidden]')) continue;
    const label = input.nextElementSibling;
    const row = input.closest('.form-group-checkbox, .form-group-radio');
    const kind = input.type === 'radio' ? 'form-radio' : 'form-checkbox';
    if (!label || label.tagName !== 'LABEL' || label.htmlFor !== input.id || !row || !input.classList.contains(kind)) {
      wrong.push(input.name + ': not an input+label pair in a DKFDS row');
      continue;
    }
    const box = input.getBoundingClientRect();
    const text = label.getBoundingClientRect();
    const inside = box.top >= text.top - 2 && box.bottom <= text.bottom + 2
      && box.left >= text.left - 2 && box.right <= text.left + 34;
    if (!inside) wrong.push(input.name + ': box at ' + Math.round(box.left) + ',' + Math.round(box.top));
  }
  return wrong;
}"""

# Chart text in CSS pixels: its font size times the scale the SVG is drawn at.
SMALLEST_CHART_TEXT = """() => {
  let smallest = null;
  for (const svg of document.querySelectorAll('main svg.chart')) {
    const ctm = svg.getScreenCTM();
    if (!ctm) continue;
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim() || text.getBoundingClientRect().width === 0) continue;
      const size = parseFloat(getComputedStyle(text).fontSize) * ctm.a;
      if (smallest === null || size < smallest) smallest = size;
    }
  }
  return smallest;
}"""


def _route_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _start_urls(role) -> list[str]:
    urls = ["/"]
    for name, pattern, view in ROUTES:
        if NOT_PAGES.search(name):
            continue
        allowed = set(getattr(view, "allowed_roles", ()) or ())
        public = name in PUBLIC or name.split(":")[-1] in PUBLIC
        if role is None and not public:
            continue
        if role is not None and allowed and role not in allowed:
            continue
        url, has_params = _url_for(name, pattern)
        if not has_params:
            urls.append(url)
    return urls


def _check(page, axe, role_name: str, name: str) -> list[str]:
    problems = []
    folder = SCREENSHOT_DIR / role_name
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        overflow = page.evaluate(HORIZONTAL_OVERFLOW)
        if overflow:
            problems.append(f"{name} at {width} px scrolls sideways: {overflow}")
        boxes = page.evaluate(MISPLACED_BOXES)
        if boxes:
            problems.append(f"{name} at {width} px: {boxes}")
        smallest = page.evaluate(SMALLEST_CHART_TEXT)
        if smallest is not None and smallest < 12:
            problems.append(f"{name} at {width} px: chart text {smallest:.1f} px")
        results = axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            problems.append(f"{name} at {width} px: {results.generate_report()}")
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{name.replace(':', '-')}-{width}.png", full_page=True)
    html = page.content()
    if "---------" in html:
        problems.append(f'{name} offers "---------" in a select')
    if "kr.." in page.inner_text("body"):
        problems.append(f'{name} writes "kr.."')
    return problems


@pytest.mark.parametrize("role", list(LOGINS), ids=[str(role or "anonymous") for role in LOGINS])
def test_every_page_fits_phone_tablet_and_desktop(browser, live_server, demo_city, role):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(locale="da-DK", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    if role is not None:
        log_in(page, LOGINS[role], DEMO_PASSWORD)
        page.wait_for_url("**/hjem/**")
    axe = Axe()
    queue = _start_urls(role)
    if role is not None:
        queue.insert(0, page.url)
    seen_names: set[str] = set()
    problems: list[str] = []
    visited = []
    while queue:
        path = urlsplit(queue.pop(0)).path
        name = _route_name(path)
        if name is None or name in seen_names or NOT_PAGES.search(name):
            continue
        seen_names.add(name)
        response = page.goto(path)
        if response is not None and response.status >= 500:
            problems.append(f"{name} answers {response.status}")
        if response is None or response.status != 200:
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        if page.locator("main#main-content").count() == 0:
            continue
        visited.append(name)
        # Folded sections (dashboards) are opened, so their charts and tables are checked too.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        problems += _check(page, axe, str(role or "anonymous"), name)
        for href in page.eval_on_selector_all(
            "a[href]", "links => links.map(a => a.getAttribute('href'))"
        ):
            if href.startswith("/") and not href.startswith("//"):
                queue.append(href)
    context.close()
    assert len(visited) >= 3, visited
    assert problems == [], "\n".join(problems)
