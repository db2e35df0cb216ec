"""Hostile contributions: known XSS payloads in every place a contributor controls.

The validator must flag every one; a build forced past the validator must
still emit none of them in executable form (the sanitiser and escaping are the
second layer); every page carries a Content-Security-Policy.
"""

from __future__ import annotations

import copy
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice_kb.check import checks, markup
from practice_kb.core import load, markdown_model
from practice_kb.site import cleaner, finish

from conftest import BODY, FIXTURES, ROOT, TODAY, VALID, build, practice_text, site_project

PAYLOADS = (FIXTURES / "xss-payloads.txt").read_text(encoding="utf-8").splitlines()


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 40
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def _plant(place: str, payload: str) -> tuple[dict, str]:
    data, body = copy.deepcopy(VALID), BODY
    if place == "body":
        body = BODY.replace("What it is.", f"What it is.\n\n{payload}\n")
    elif place in ("title", "summary"):
        data[place] = f"Example {payload}"
    elif place == "organisation.name":
        data["organisation"]["name"] = payload
    elif place == "resources.title":
        data["resources"][0]["title"] = payload
    elif place == "resources.url":
        data["resources"][0]["url"] = f"https://example.org/{payload}"
    elif place == "sources.title":
        data["sources"][0]["title"] = payload
    elif place == "translations":
        data["translations"] = {"fr": payload}
    return data, body


PLACES = [
    "body",
    "title",
    "summary",
    "organisation.name",
    "resources.title",
    "resources.url",
    "sources.title",
    "translations",
]


@pytest.mark.parametrize("place", PLACES)
def test_validator_flags_every_payload_in_every_place(place):
    missed = []
    for payload in PAYLOADS:
        data, body = _plant(place, payload)
        document, problems = load.parse(practice_text(data, body).encode(), "example-practice.md")
        assert document is not None
        _, found = checks.check_document(document, TODAY)
        fields = {p.field for p in [*problems, *found]}
        if place.split(".")[0] not in {f.split(".")[0] for f in fields}:
            missed.append(payload)
    assert missed == []


# ---------------------------------------------------------------------------
# A forced build: the validator bypassed, the second layer alone
# ---------------------------------------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "background",
    "dynsrc",
    "lowsrc",
    "poster",
    "xlink:href",
    "srcdoc",
}
# pages that are our own tools, whose forms and buttons are generated, never contributed
TOOLS = ("live/", "write.html")
NEVER = {
    "iframe",
    "object",
    "embed",
    "form",
    "base",
    "frame",
    "frameset",
    "applet",
    "math",
    "button",
    "marquee",
    "video",
    "audio",
    "source",
}


class Executable(HTMLParser):
    """Collects everything in a page that could run or load a contributor's code."""

    def __init__(self, tool: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = self.in_style = self.in_article = False
        # our own tools (the Write a practice form, the live session's pages) are
        # forms with buttons and their own stylesheet: only handlers, dangerous
        # addresses and scripts from elsewhere count there
        self.tool = tool

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            squeezed = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(value or "")).lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and re.match(r"(javascript|vbscript|data):", squeezed):
                self.found.append(f"<{tag} {name}={value}>")
            if name == "style" and ("javascript" in squeezed or "expression(" in squeezed):
                self.found.append(f"<{tag} style={value}>")
            if tag == "script" and name == "src" and "://" in squeezed:
                self.found.append(f"<script src={value}>")
        self.in_article = self.in_article or tag == "article"
        ours = any(name in ("data-kb-filters", "data-kb-clear", "data-kb-all") for name, _ in attrs)
        if tag in NEVER and self.in_article and not ours and not self.tool:
            self.found.append(f"<{tag}>")  # the theme's search form is outside
        if tag in ("script", "style", "link", "meta") and self.in_article and not self.tool:
            self.found.append(f"<{tag}> in the content")
        if tag == "meta" and ("http-equiv", "refresh") in [
            (n, (v or "").lower()) for n, v in attrs
        ]:
            self.found.append("<meta refresh>")
        self.in_script, self.in_style = tag == "script", tag == "style"

    def handle_endtag(self, tag):
        self.in_script = self.in_style = False
        self.in_article = self.in_article and tag != "article"

    def handle_data(self, data):
        lowered = data.lower()
        if self.in_script and ("alert(" in lowered or "msgbox" in lowered):
            self.found.append(f"<script>{data[:40]}")
        if self.in_style and ("@import" in lowered or "javascript" in lowered):
            self.found.append(f"<style>{data[:40]}")


@pytest.fixture(scope="module")
def forced_site(tmp_path_factory) -> Path:
    """One practice per payload, the payload in every text place, built with --force."""
    folder = site_project(
        tmp_path_factory.mktemp("forced"), None, [FIXTURES / "agendas" / "short.yml"]
    )
    for number, payload in enumerate(PAYLOADS):
        data = copy.deepcopy(VALID)
        data["id"] = f"payload-{number:02d}"
        # each place gets as much of the payload as its length limit allows
        data["title"] = f"Payload {number} {payload}"[:120]
        data["summary"] = f"Summary {payload}"[:300]
        data["organisation"]["name"] = f"Org {payload}"[:200]
        data["resources"][0]["title"] = f"Resource {payload}"[:200]
        data["sources"][0]["title"] = f"Source {payload}"[:200]
        body = BODY.replace("What it is.", f"What it is.\n\n{payload}\n\nAfter {number}.")
        (folder / "practices" / f"payload-{number:02d}.md").write_text(
            practice_text(data, body), encoding="utf-8"
        )
    result = build(folder, "--force")
    assert result.returncode == 0, result.stderr
    assert "forced: building anyway" in result.stdout
    return folder / "site"


def test_forced_build_emits_no_payload_in_executable_form(forced_site):
    pages = sorted(forced_site.rglob("*.html"))
    practice_pages = [p for p in pages if p.name.startswith("payload-")]
    assert len(practice_pages) == len(PAYLOADS)  # nothing dropped: every practice built
    found = {}
    for page in pages:
        where = page.relative_to(forced_site).as_posix()
        scanner = Executable(tool=where.startswith(TOOLS))
        scanner.feed(page.read_text(encoding="utf-8"))
        if scanner.found:
            found[str(page.relative_to(forced_site))] = scanner.found
    assert found == {}


def test_forced_build_writes_the_catalogue_list_as_inert_data(forced_site):
    """The catalogue's whole list (practices/catalogue.js) holds each payload as a JSON
    string, escaped to ASCII without '<', '>' or '&', so nothing in it can close the
    script or be read as markup; the catalogue's script writes it as text
    (tests/test_catalogue.py)."""
    text = (forced_site / "practices" / "catalogue.js").read_text(encoding="utf-8")
    assert text.isascii() and not {"<", ">", "&"} & set(text)
    head, _, data = text.partition("window.kbCatalogue = ")
    assert head.count("\n") == 1 and data.endswith(";\n")  # one comment line, one value
    titles = json.loads(data[: -len(";\n")])["title"]
    assert sorted(titles) == sorted(f"Payload {n} {p}"[:120] for n, p in enumerate(PAYLOADS))


def test_forced_build_keeps_hostile_text_visible_as_text(forced_site):
    page = (forced_site / "practices" / "payload-00.html").read_text(encoding="utf-8")
    assert "Payload 0 &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "After 0." in page


def test_every_page_has_a_content_security_policy(forced_site):
    for page in forced_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert policy, page
        script_src = next(d for d in policy.group(1).split("; ") if d.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src
        assert policy.group(1).startswith("default-src 'self'")
        assert text.index("Content-Security-Policy") < text.index("<script")


def test_the_second_layer_cleans_a_practice_s_own_text_between_its_fences():
    fences = finish.Fences()
    start, end = fences.contributed
    page = (
        '<div class="kb-card"><a href="../themes/x.html" data-kb-themes="x">x</a></div>\n'
        f'{start}\n<p>text<script>alert(1)</script><img src=x onerror="alert(2)"></p>\n{end}\n'
        '<p class="kb-refs">after</p>'
    )
    cleaned = finish.sanitise(page, fences, generated=True)
    assert "<script" not in cleaned and "onerror" not in cleaned and "<img" not in cleaned
    assert start not in cleaned and end not in cleaned and "<p>text" in cleaned
    # what the renderer wrote around it, from escaped fields, is left as it is
    assert cleaned.startswith('<div class="kb-card"><a href="../themes/x.html" data-kb-themes=')
    assert cleaned.endswith('<p class="kb-refs">after</p>')


@pytest.mark.parametrize("forged", ["<!-- kb-contributed 0 -->", "<!-- /kb-contributed 0 -->", ""])
def test_without_both_true_fences_the_whole_content_is_cleaned(forged):
    fences = finish.Fences()
    content = f'<p onclick="x()">a</p>{forged}<script>alert(1)</script>{fences.contributed[0]}'
    cleaned = finish.sanitise(content, fences, generated=True)
    assert "onclick" not in cleaned and "<script" not in cleaned
    # in a whole page, the article is cleaned and the theme's own scripts are kept
    page = f"<head><script>theme()</script></head><article>{content}</article>"
    cleaned = finish.sanitise(page, fences, generated=True)
    assert "<script>theme()</script>" in cleaned
    assert "onclick" not in cleaned and "alert(1)" not in cleaned


def test_a_hand_written_page_is_left_as_the_engine_wrote_it():
    page = "<head><script>theme()</script></head><article><form></form></article>"
    assert finish.sanitise(page, finish.Fences(), generated=False) == page


def test_markdown_keeps_the_fences_around_the_body_as_they_are(valid):
    import markdown

    from practice_kb.core.model import Practice
    from practice_kb.site import render

    fences = finish.Fences()
    practice = Practice.model_validate(valid)
    page = render.practice_page(practice, fences.contribution(BODY))
    converted = markdown.markdown(
        page.split("\n---\n", 1)[1], extensions=["admonition", "attr_list", "md_in_html", "toc"]
    )
    start, end = fences.contributed
    assert converted.count(start) == 1 and converted.count(end) == 1
    assert converted.index(start) < converted.index("<h2") < converted.index(end)


# ---------------------------------------------------------------------------
# The first layer judges what the renderer makes of the body
# ---------------------------------------------------------------------------

DISGUISES = {
    "a fence indented by two spaces is not a fence": (
        "Text.\n\n  ```\n<script>alert(1)</script>\n  ```\n",
        4,
        "contains the HTML tag <script>",
    ),
    "four backticks are not closed by three": (
        "Text.\n\n````\n\n<img src=x onerror=alert(1)>\n\n```\n",
        5,
        "contains an event handler",
    ),
    "a line indented by four spaces continues the paragraph above it": (
        "A paragraph line\n    <script>alert(1)</script>\n",
        2,
        "contains the HTML tag <script>",
    ),
}


@pytest.mark.parametrize("name", DISGUISES)
def test_markup_hidden_where_a_hand_written_scanner_saw_code_is_reported_on_its_line(name):
    body, line, message = DISGUISES[name]
    found = list(markup.body_problems(body, 1, "x.md"))
    assert [(p.line, p.message) for p in found if p.message.startswith(message)] == [
        (line, next(p.message for p in found if p.message.startswith(message)))
    ]


@pytest.mark.parametrize(
    "body",
    [
        "```\n<script>alert(1)</script>\n```\n",
        "Text.\n\n    <script>alert(1)</script>\n",
        "````\n```\n<img src=x onerror=alert(1)>\n````\n",
        "Text with `<script>` in a code span.\n",
    ],
    ids=["fence", "indented code", "four backticks closed by four", "code span"],
)
def test_code_the_renderer_escapes_is_not_reported(body):
    assert list(markup.body_problems(body, 1, "x.md")) == []


def test_the_validator_renders_with_the_site_s_markdown_configuration():
    """mkdocs.yml's extensions, after MkDocs' built-in ones, with their settings."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    names, settings = markdown_model.configuration()
    assert list(names) == [e for e in config["markdown_extensions"] if isinstance(e, str)]
    assert settings == {k: v for k, v in config["mdx_configs"].items() if v}


class _Refused(HTMLParser):
    """What the sanitiser's allowlist refuses in rendered HTML: an independent reading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in cleaner._TAGS:
            self.found.append(f"<{tag}>")
        allowed = cleaner._ATTRIBUTES["*"] | cleaner._ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if tag == "ol" and name == "start":
                continue  # a numbered list's first number
            if tag in ("th", "td") and name == "style" and value.startswith("text-align:"):
                continue  # a table column's alignment
            if name not in allowed:
                self.found.append(f"{tag}[{name}]")
            elif name == "href":
                address = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                scheme = (
                    address.partition(":")[0] if re.match(r"[a-z][a-z0-9+.-]*:", address) else ""
                )
                if scheme and scheme not in markup.ALLOWED_SCHEMES:
                    self.found.append(f"href={value}")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.found.append("comment")


MARKDOWN_PIECES = [
    *("\n", "\n\n", " ", "  ", "    ", "\t", "```", "````", "~~~", "`", "- ", "1. ", "> "),
    *("## ", "#", "Text", "word", "|", "---", ":", "!!! note", "*", "_", "\\", "="),
    *("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>", "</b>", "<br>"),
    *("<abbr title=x>", "<div markdown>", "</div>", "<span onclick=x>", "<p>", "<!-- c -->"),
    *("{: onclick=x }", "{#id}", "{.c}", "{: style=x}", "[a](javascript:x)", "[a](https://e.org)"),
    *("[r]: ftp://x", "[r]", "![i](https://x/y.png)", "&lt;", "&#106;", "java", "script:"),
    *("<a href='data:text/html,x'>", "</a>", "onclick", "\u200b", "<sup>", "<kbd class=k>"),
]
markdown_texts = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=24).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=markdown_texts)
def test_whatever_the_allowlist_refuses_in_the_rendered_html_is_reported(body):
    import markdown

    names, configs = markdown_model.configuration()
    rendered = markdown.markdown(
        markdown_model.wrap(body), extensions=list(names), extension_configs=configs
    )
    refused = _Refused()
    refused.feed(rendered)
    if refused.found:
        assert list(markup.body_problems(body, 1, "x.md")), (refused.found, rendered)


def test_a_link_no_url_parser_can_read_is_reported_not_a_traceback():
    found = list(markup.body_problems("See [this](//[r]/x).\n", 1, "x.md"))
    assert [p.message for p in found] == ["links to '//[r]/x', which is not a full address"]
