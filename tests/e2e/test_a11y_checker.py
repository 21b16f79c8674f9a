"""The page checker every e2e test relies on (tests/e2e/a11y.js) is shown to see problems: a
deliberately bad page is flagged for each of them, and a good one is not."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.pages import accessibility_problems

GOOD = """<!doctype html><html lang="en"><body style="background:#fff;color:#222">
<h1>Upload</h1><label for="cv">Your resume</label><input id="cv" type="file">
<button>Roast it</button><a href="/history">My history</a>
<p style="color:#595959">Grey text at 7:1.</p></body></html>"""

BAD = """<!doctype html><html lang="en"><body style="background:#fff;color:#222">
<input id="nameless" type="file">
<button id="iconless"></button>
<a href="/x" id="emptylink"></a>
<p id="faint" style="color:#aaaaaa">Light grey on white: 2.3:1.</p>
<div style="background:#1a1a1a"><span id="dark" style="color:#333">Dark on dark.</span></div>
<p style="color:#999;font-size:30px">Large but still 2.8:1.</p>
</body></html>"""


def test_a_good_page_has_no_problems(page: Page) -> None:
    page.set_content(GOOD)
    assert accessibility_problems(page) == []


def test_a_bad_page_is_flagged_for_each_problem(page: Page) -> None:
    """Catches a checker that has gone blind (a selector or contrast rule broken, an early
    return): every e2e page check would pass whatever the page."""
    page.set_content(BAD)
    problems = "\n".join(accessibility_problems(page))

    assert problems.count("no accessible name") == 3, problems
    for element in ('id="nameless"', 'id="iconless"', 'id="emptylink"'):
        assert element in problems
    for text in ("Light grey on white", "Dark on dark", "Large but still"):
        assert text in problems, problems
