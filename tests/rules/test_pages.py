"""The pages of rules and answers over real HTTP, as a staff member (the
site comes from the ``organisation_site`` fixture in
tests/fixtures/organisation.py)."""

from tests.fixtures.http import get


def test_rule_page_and_answers_page(organisation_site):
    html = get(f"{organisation_site}/forvaltning/semester").text
    assert "1 jan. 2026" in html  # in force from, in Swedish (dates.py)
    assert "1 juni 2027" in html  # next review
    assert "Semesterlagen, AB § 27" in html
    assert "Förskollärare" in html
    assert "Hur många semesterdagar har jag?" in html
    html = get(f"{organisation_site}/@@fragor-och-svar").text
    assert "Semester och ledighet" in html
    assert "Hur många semesterdagar har jag?" in html
