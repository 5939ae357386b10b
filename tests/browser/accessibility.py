"""axe-core in the browser: check a page against WCAG 2.1 A/AA, and keep track of every
document a page loads so that none escapes the check."""

from pathlib import Path
from weakref import WeakKeyDictionary

import axe_playwright_python
from playwright.sync_api import Page

# The wheel of axe-playwright-python ships axe-core itself; nothing is downloaded.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

_unchecked: WeakKeyDictionary[Page, list[str]] = WeakKeyDictionary()


def track_loads(page: Page) -> None:
    """Remember every document the page loads until assert_accessible() has looked at it.

    Each load is one document: a form shown again with its errors counts anew, and a page
    left behind before it was checked stays on the list.
    """
    loads = _unchecked.setdefault(page, [])
    page.on("load", lambda loaded: loads.append(loaded.url))


def unchecked_loads(page: Page) -> list[str]:
    return [url for url in _unchecked.get(page, []) if not url.startswith("about:")]


def assert_accessible(page: Page) -> None:
    """Run axe on the page's current document; fail with a readable list of violations."""
    page.wait_for_load_state("load")
    # The CSP forbids inline scripts and add_script_tag; evaluate() is not subject to it.
    page.evaluate(AXE_SOURCE)
    violations = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]
    loads = _unchecked.get(page, [])
    # The document axe just looked at (an #anchor is the same document); earlier ones stay.
    if loads and loads[-1].split("#")[0] == page.url.split("#")[0]:
        loads.pop()
    assert not violations, describe(page.url, violations)


def describe(url: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"      {line.strip()}" for line in summary.splitlines()[1:3])
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
        lines.append(f"    {violation['helpUrl']}")
    return "\n".join(lines)
