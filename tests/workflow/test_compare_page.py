"""History's compare page (Jämför) gets its stylesheet: CMFEditions answered
it as text/plain, which a browser refuses with nosniff (issue 18's third
trial)."""

from tests.fixtures.http import get


def test_the_compare_pages_stylesheet_is_css(organisation_site):
    answer = get(f"{organisation_site}/compare.css")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/css")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "#diff-legend" in answer.text
