"""Comment text is sanitised: of a corpus of XSS payloads, no script, event
handler attribute or javascript:/data: link reaches the page; ordinary line
breaks and links still work."""

from lxml import html
from tests.fixtures.comments import comment
from tests.fixtures.http import browser


PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">klicka</a>',
    '<a href="JaVaScRiPt:alert(1)">klicka</a>',
    '<a href="  javascript:alert(1)">klicka</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<body onload="alert(1)">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "javascript:alert(1)",
    '<a href="vbscript:msgbox(1)">x</a>',
    "<style>@import 'http://evil.example/x.css';</style>",
]
DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "meta",
    "style",
    "svg",
    "math",
    "input",
    "base",
    "link",
}


def comment_bodies(login, item):
    """The comments' texts on the item's page with all of them shown."""
    url = f"{item.absolute_url()}?kommentarer=alla"
    page = html.fromstring(browser(login).get(url).text)
    return page.xpath('//div[contains(@class, "comment ")]//div[@class="comment-text"]')


def test_xss_payloads_are_harmless(news):
    for payload in PAYLOADS:
        assert comment("olle.medarbetare", news, payload).ok
    bodies = comment_bodies("red.b", news)
    assert len(bodies) == len(PAYLOADS)
    for body in bodies:
        for element in body.iter():
            if not isinstance(element.tag, str):
                continue
            assert element.tag not in DANGEROUS_TAGS, html.tostring(body)
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), html.tostring(body)
                if name.lower() in ("href", "src", "action", "data", "style"):
                    squashed = "".join(value.split()).lower()
                    for scheme in ("javascript:", "vbscript:", "data:"):
                        assert scheme not in squashed, html.tostring(body)


def test_line_breaks_and_links_work(news):
    comment(
        "olle.medarbetare",
        news,
        "Hej alla!\nSe schemat på https://www.solna.se/forskola innan fredag.",
    )
    (body,) = comment_bodies("red.b", news)
    text = html.tostring(body, encoding="unicode")
    assert "<br" in text
    (link,) = body.xpath('.//a[@href="https://www.solna.se/forskola"]')
    assert link.text_content() == "https://www.solna.se/forskola"
