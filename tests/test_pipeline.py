"""The build's stages without any engine: stage writes Markdown, finish cleans HTML.

A small tree (three practices, one short agenda) is staged; a stand-in engine turns
each staged page into a bare HTML page, as any engine would, so `finish` and
`kb build`'s orchestration are tested with no MkDocs, Material or Zensical at all.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from practice_kb import project
from practice_kb.site import build, engine, finish, stage
from practice_kb.site.options import BuildOptions

from conftest import BODY, FIXTURES, VALID, practice_text, site_project


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return site_project(
        tmp_path / "project", FIXTURES / "valid", [FIXTURES / "agendas" / "short.yml"]
    )


def _stage(tree: Path, lang: str = "en", fences: finish.Fences | None = None, offline=False):
    loaded = stage.validated(tree)
    return stage.stage_language(
        loaded, tree, tree / "build" / "stage" / lang, lang, offline, "", fences or finish.Fences()
    )


def test_nothing_before_or_after_the_engine_imports_one():
    code = (
        "import sys; from practice_kb.site import assembly, build, finish, options, search, stage; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('mkdocs', 'material', 'zensical')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_stage_writes_every_page_as_markdown_outside_docs(tree):
    staged, _ = _stage(tree, "fr")
    docs = staged.folder / "docs"
    assert staged.folder == tree / "build" / "stage" / "fr"
    for practice in ("men-as-allies", "peer-support-network", "reseau-pairs"):
        assert (docs / "practices" / f"{practice}.md").is_file()
    for page in ("practices/index.md", "themes/index.md", "topics/index.md", "guide/index.md"):
        assert (docs / page).is_file(), page
    assert (docs / "index.md").is_file() and (docs / "assets" / "kb.css").is_file()
    # nothing generated is written among the hand-written pages
    assert not (tree / "docs" / "practices").exists()
    config = yaml.safe_load(staged.config.read_text(encoding="utf-8"))
    assert config["theme"]["language"] == "fr"
    assert config["docs_dir"] == "docs" and "hooks" not in config
    # no offline copy from this build: Material's lunr search stays off
    assert [p["search"]["enabled"] for p in config["plugins"] if "search" in p] == [False]
    assert config["extra"]["kb_languages"][1]["lang"] == "fr"
    assert config["extra"]["alternate"] == []  # the theme's own would link each from heads


def test_a_build_with_an_offline_copy_turns_lunr_on_and_serves_the_worker_shim(tree):
    staged, _ = _stage(tree, "en", offline=True)
    config = yaml.safe_load(staged.config.read_text(encoding="utf-8"))
    assert "search" in {next(iter(p)) for p in config["plugins"]}
    assert "offline" not in {next(iter(p)) for p in config["plugins"]}  # finish does its work
    assert all(next(iter(p.values())).get("enabled", True) for p in config["plugins"])
    assert config["extra"]["polyfills"] == ["assets/javascripts/iframe-worker-shim.js"]
    assert (staged.folder / "docs" / "assets" / "javascripts" / "iframe-worker-shim.js").is_file()


def test_restaging_after_one_edit_writes_only_the_pages_it_appears_on(tree):
    fences = finish.Fences()
    _stage(tree, fences=fences)
    _, unchanged = _stage(tree, fences=fences)
    assert unchanged == []
    path = tree / "practices" / "men-as-allies.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("A fictional example", "A changed example", 1), "utf-8")
    _, changed = _stage(tree, fences=fences)
    assert "practices/men-as-allies.md" in changed
    assert "practices/index.md" in changed  # the catalogue shows its summary
    assert "themes/engaging-men-and-boys.md" in changed
    assert "practices/peer-support-network.md" not in changed
    assert "index.md" not in changed and "mkdocs.yml" not in changed


def test_a_generated_page_may_not_replace_a_hand_written_one(tree):
    (tree / "docs" / "gaps.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(stage.StageError, match=r"docs/gaps\.md would be replaced"):
        _stage(tree)


# ---------------------------------------------------------------------------
# Finish: over built HTML
# ---------------------------------------------------------------------------


def _page(article: str, head_script: str = "theme()") -> str:
    return (
        f'<!doctype html>\n<html lang="en"><head><script>{head_script}</script></head>'
        f'<body><header>h</header><article class="md-content__inner">{article}</article>'
        "</body></html>"
    )


def test_finish_cleans_contributed_text_protects_every_page_and_drops_the_fences(tmp_path):
    fences = finish.Fences()
    start, end = fences.contributed
    site = tmp_path / "site"
    (site / "practices").mkdir(parents=True)
    hostile = '<p>kept</p><script>alert(1)</script><img src=x onerror="alert(2)">'
    (site / "practices" / "x.html").write_text(
        _page(f'<div class="kb-card" data-kb-themes="x">card</div>{start}{hostile}{end}'),
        encoding="utf-8",
    )
    (site / "write.html").write_text(_page("<form><button>Go</button></form>"), encoding="utf-8")
    assert finish.finish_pages(site, fences, {"practices/x.html"}) == 2
    practice = (site / "practices" / "x.html").read_text(encoding="utf-8")
    assert "alert(" not in practice and "onerror" not in practice and "<p>kept</p>" in practice
    assert 'data-kb-themes="x"' in practice  # what the renderer wrote from escaped fields
    assert fences.secret not in practice
    written = (site / "write.html").read_text(encoding="utf-8")
    assert "<form><button>Go</button></form>" in written  # a hand-written page's markup
    for text in (practice, written):
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert policy and "'unsafe-inline'" not in policy.group(1).split("; ")[1]
        assert "'sha256-" in policy.group(1)  # the theme's inline script, by its hash
        assert text.index("Content-Security-Policy") < text.index("<script")


def test_the_sitemap_lists_every_page_with_its_other_languages_whatever_the_engine():
    languages = (("en", "https://example.org/kb/en/"), ("ar", "https://example.org/kb/ar/"))
    day = 1764892800  # 2025-12-05, the build's date
    pages = frozenset({"index.html", "practices/a&b.html"})
    xml = finish.Sitemap("https://example.org/kb/ar/", languages, day, pages).xml()
    entry = xml.split("<loc>https://example.org/kb/ar/practices/a&amp;b.html</loc>")[1]
    assert "<lastmod>2025-12-05</lastmod>" in entry.split("</url>")[0]
    for code, address in languages:
        alternate = f'hreflang="{code}" href="{address}practices/a&amp;b.html"/>'
        assert alternate in entry.split("</url>")[0]
    assert xml.count("<url>") == 2
    # no published address: nothing to list; one language: no alternates
    assert "<url>" not in finish.Sitemap("", languages, day, pages).xml()
    alone = finish.Sitemap(languages[0][1], languages[:1], day, pages).xml()
    assert alone.count("<url>") == 2 and "hreflang" not in alone


def test_an_inline_script_inside_the_article_is_never_allowed_by_the_policy():
    page = _page("<script>evil()</script>")
    protected = finish.content_security_policy(page)
    assert protected.count("'sha256-") == 1  # the head's script only
    assert finish._source_hash("theme()") in protected
    assert finish._source_hash("evil()") not in protected


def _built_once(site: Path, fences: finish.Fences) -> None:
    """What an engine writes for one language built for both copies: each page with the
    parts the templates mark for one copy, Material's lunr index and Pagefind's bundle."""
    start, end = fences.generated
    head = (
        '<link rel="canonical" href="https://example.org/kb/en/themes/t.html">'
        "<!--kb:offline--><script src='assets/javascripts/iframe-worker-shim.js'></script>"
        "<!--/kb:offline-->"
    )
    header = (
        '<!--kb:online--><div class="kb-search">pagefind box</div>'
        '<div class="md-select">Français</div><!--/kb:online-->'
        '<!--kb:offline--><form name="search">lunr box</form><!--/kb:offline-->'
    )
    (site / "themes").mkdir(parents=True)
    (site / "themes" / "t.html").write_text(
        f'<html lang="en"><head>{head}<script>t()</script></head><body><header>{header}'
        f"</header><article>{start}<p onclick='x()'>t</p>{end}</article></body></html>",
        encoding="utf-8",
    )
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text('{"docs": []}', encoding="utf-8")
    (site / "search" / "search_index.js").write_text("var __index = {}", encoding="utf-8")
    (site / "sitemap.xml").write_text("<loc>https://example.org/kb/en/</loc>", "utf-8")
    (site / "pagefind").mkdir()
    (site / "pagefind" / "pagefind.js").write_text("online only", encoding="utf-8")


def test_one_build_makes_the_online_site_and_the_offline_copy_each_with_its_own_parts(
    tmp_path,
):
    fences = finish.Fences()
    site = tmp_path / "site"
    _built_once(site, fences)
    archive = tmp_path / "offline" / "joint-journey-kb-en.zip"
    finish.finish(site, fences, {"themes/t.html"}, offline=archive)

    online = (site / "themes" / "t.html").read_text(encoding="utf-8")
    assert "pagefind box" in online and "Français" in online
    assert 'rel="canonical"' in online and (site / "sitemap.xml").is_file()
    assert "lunr box" not in online and "iframe-worker-shim" not in online
    assert "Content-Security-Policy" in online and "onclick" not in online
    assert "kb:online" not in online and "kb:offline" not in online
    assert not (site / "search").exists()  # the lunr index is the offline copy's

    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        offline = opened.read("joint-journey-kb-en/themes/t.html").decode("utf-8")
        index = opened.read("joint-journey-kb-en/search/search_index.js").decode("utf-8")
    assert "lunr box" in offline and "iframe-worker-shim" in offline
    # one language only: no search box of the online site, no switcher, no alternates
    assert "pagefind box" not in offline and "Français" not in offline
    assert "example.org" not in offline
    # cleaned, but no policy: Material's search runs its worker through an inline script
    assert "onclick" not in offline and "Content-Security-Policy" not in offline
    assert "kb:online" not in offline and "kb:offline" not in offline
    assert index == 'var __index = {"docs": []}'  # what Material's offline search loads
    assert names.count("joint-journey-kb-en/search/search_index.js") == 1
    assert not any("pagefind" in name or "sitemap" in name for name in names)


# ---------------------------------------------------------------------------
# kb build's orchestration, with a stand-in engine
# ---------------------------------------------------------------------------


def _stand_in_engine(name, staged, target: Path) -> None:
    """Any engine: each staged Markdown page becomes an HTML page in its language."""
    config = yaml.safe_load(staged.config.read_text(encoding="utf-8"))
    lang = config["theme"]["language"]
    for path in (staged.folder / "docs").rglob("*.md"):
        out = target / finish.html_path(path.relative_to(staged.folder / "docs").as_posix())
        out.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")
        out.write_text(
            f'<html lang="{lang}"><head><script>t()</script></head><body><article>'
            f"{text}</article></body></html>",
            encoding="utf-8",
        )


def test_kb_build_validates_once_and_finishes_every_language(tree, monkeypatch):
    calls = []
    validate = project.validate
    monkeypatch.setattr(project, "validate", lambda *a, **k: calls.append(a) or validate(*a, **k))
    monkeypatch.setattr(engine, "run", _stand_in_engine)
    monkeypatch.setattr(finish.search, "index", lambda site, program: None)
    options = BuildOptions(root=tree, site=tree / "out", offline=False, jobs=1)
    assert build.run(options) == 0
    assert len(calls) == 1  # once per build, not once per language
    for lang in ("en", "fr", "es", "ar"):
        page = (tree / "out" / lang / "practices" / "men-as-allies.html").read_text("utf-8")
        assert f'<html lang="{lang}">' in page and "Content-Security-Policy" in page
        assert "kb-contributed" not in page and "kb-generated" not in page
    assert (tree / "out" / "index.html").is_file() and (tree / "out" / "404.html").is_file()


def test_kb_build_stops_before_any_engine_when_a_practice_is_invalid(tree, monkeypatch, capsys):
    bad = dict(VALID, id="bad-one", themes=["nonsense"])
    (tree / "practices" / "bad-one.md").write_text(practice_text(bad, BODY), encoding="utf-8")
    monkeypatch.setattr(engine, "run", lambda *a: pytest.fail("the engine ran"))
    assert build.run(BuildOptions(root=tree, site=tree / "out", jobs=1)) == 1
    assert "practices/bad-one.md:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"languages": ("xx",)}, "'xx' is not a site language"),
        ({"site_url": "ftp://example.org"}, "is not an http(s) address"),
        ({"engine": "hugo"}, "Input should be 'mkdocs' or 'zensical'"),
    ],
)
def test_build_options_are_validated(tmp_path, values, message):
    import pydantic

    with pytest.raises(pydantic.ValidationError, match=re.escape(message)):
        BuildOptions(root=tmp_path, site=tmp_path / "site", **values)


def test_the_engine_is_one_line_of_kb_yml(tmp_path):
    from practice_kb.site.options import project_engine

    assert project_engine(tmp_path) == "mkdocs"
    (tmp_path / "kb.yml").write_text("engine: zensical\n", encoding="utf-8")
    assert project_engine(tmp_path) == "zensical"


# ---------------------------------------------------------------------------
# kb serve: restaging what an edit touches
# ---------------------------------------------------------------------------


def test_kb_serve_restages_an_edited_practice_and_keeps_the_last_good_page(tree, capsys):
    from practice_kb.site import serve

    stager = serve.Stager(BuildOptions(root=tree, site=tree / "site", languages=("en",)), "en")
    staged = stager.folder / "docs" / "practices" / "men-as-allies.md"
    assert stager.refresh() is None  # nothing changed
    path = tree / "practices" / "men-as-allies.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("A fictional example", "A changed example", 1), "utf-8")
    written = stager.refresh()
    assert written and "practices/men-as-allies.md" in written
    assert "practices/index.md" in written
    assert "practices/peer-support-network.md" not in written
    assert "mkdocs.yml" not in written  # the engine's configuration is left alone
    assert "A changed example" in staged.read_text(encoding="utf-8")
    path.write_text(text.replace("themes: [engaging-men-and-boys]", "themes: [nope]"), "utf-8")
    assert stager.refresh() == []
    assert "practices/men-as-allies.md:" in capsys.readouterr().err
    assert "A changed example" in staged.read_text(encoding="utf-8")


def test_make_serve_shows_an_edit_in_the_served_page(tree):
    """`kb serve` (what `make serve` runs) over MkDocs: the edited practice is served
    again with the change, cleaned like a built page."""
    from practice_kb import bench

    port = bench._free_port()
    url = f"http://127.0.0.1:{port}/practices/men-as-allies.html"
    server = subprocess.Popen(
        [sys.executable, "-m", "practice_kb", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while "</html>" not in bench._fetch(url):
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "kb serve never served the page"
            time.sleep(0.5)
        assert "kb-contributed" not in bench._fetch(url)
        path = tree / "practices" / "men-as-allies.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("A fictional example", "A served example", 1), "utf-8")
        deadline = time.monotonic() + 60
        while "A served example" not in bench._fetch(url):
            assert time.monotonic() < deadline, "the edit never showed"
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()
