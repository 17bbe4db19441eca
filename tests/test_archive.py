"""Official release and archive: identical manifests across builds and
clones, verification that names a changed file, refusal of uncommitted
text, the build lock, and Ctrl-C leaving the previous site intact."""
from __future__ import annotations

import hashlib
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import git
import pytest

from build_tools.archive import MANIFEST
from build_tools.archive.links import OMITTED_NOTE, dangling_links, fix_links
from build_tools.cli import main
from build_tools.editions import FORMATS
from build_tools.errors import PolicyError
from build_tools.site import build_lock
from tests.archive_repo import ROOT, commit_text, make_policy_repo, snapshot


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def manifest_of(folder: Path) -> dict:
    return tomllib.loads((folder / MANIFEST).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def released(tmp_path_factory, edition_builds):
    """A policy repository with R5 released into build/archive/R5/: the one
    full, real release every test of this module starts from."""
    root = make_policy_repo(tmp_path_factory.mktemp("release") / "policy")
    assert main(["--repo", str(root), "release", "R5"]) == 0
    return root


@pytest.fixture
def work_copy(released, tmp_path):
    """A copy of the released repository (with its archive) to spoil."""
    copy = tmp_path / "policy"
    shutil.copytree(released, copy, symlinks=True)
    return copy


def test_manifest_lists_every_file_with_commits_tools_and_fonts(released):
    archive = released / "build" / "archive" / "R5"
    manifest = manifest_of(archive)
    head = git.Repo(released).head.commit.hexsha
    assert manifest["revision"] == "R5" and manifest["draft"] is False
    assert manifest["repo_commit"] == head
    assert manifest["formats"] == list(FORMATS)
    listed = {f["path"]: f for f in manifest["files"]}
    on_disk = {p.relative_to(archive).as_posix() for p in archive.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {MANIFEST, "SHA256SUMS"}
    for fmt in FORMATS:
        if fmt != "html":
            assert f"R5/policy-R5.{fmt}" in listed, fmt
    assert "R5/index.html" in listed and "index.html" in listed
    assert listed["R5/index.html"]["size"] == (archive / "R5" / "index.html").stat().st_size
    assert {"python", "sphinx", "docutils"} <= set(manifest["tools"])
    # The release always has a PDF and a Word edition, so it always names fonts
    # (no `if` on FORMATS here: it held whatever the code did).
    assert {"pdf", "docx"} <= set(FORMATS)
    assert {f["name"] for f in manifest["fonts"]} >= {"IPAexMincho", "IPAexGothic"}, manifest["fonts"]
    # coreutils can check the archive without our tools
    check = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=archive,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_releasing_again_gives_an_identical_manifest(released, edition_builds):
    archive = released / "build" / "archive" / "R5"
    first = (archive / MANIFEST).read_bytes()
    time.sleep(1.1)  # a build time written anywhere would now differ
    # Releasing again over the archive (the editions copied, with new file
    # times: the build itself is repeated for real in the clone below).
    with edition_builds.reused():
        assert main(["--repo", str(released), "release", "R5"]) == 0
    assert (archive / MANIFEST).read_bytes() == first
    # A real build, later and in another folder, giving the same bytes is what
    # `policy verify` proves: its rebuild runs in a temporary clone
    # (test_verify_passes_then_names_each_file_with_a_changed_byte).


def test_outputs_do_not_contain_the_folder_they_were_built_in(released):
    for path in (released / "build" / "archive" / "R5").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert str(released).encode() not in data, path
            assert str(released.parent).encode() not in data, path
            # ... nor the temporary folder the release is really built in
            assert b"policy-release-" not in data, path


def test_verify_passes_then_names_each_file_with_a_changed_byte(
        released, edition_builds, tmp_path, capsys):
    copy = tmp_path / "R5-archive"
    shutil.copytree(released / "build" / "archive" / "R5", copy)
    # End to end: `policy verify` really rebuilds the release from git.
    code, out, err = run(capsys, "--repo", released, "verify", "R5", copy)
    assert code == 0, err
    assert "検証に成功しました" in out
    spoiled = ["R5/intent.html", "amend/H29-R5/index.html"] + [
        f"{folder}.{f}" for f in FORMATS if f != "html"
        for folder in ("R5/policy-R5", "amend/H29-R5/amendment-H29-R5")]
    for rel in spoiled:
        data = bytearray((copy / rel).read_bytes())
        data[len(data) // 2] ^= 0x01
        (copy / rel).write_bytes(bytes(data))
    (copy / "R5" / "extra.html").write_text("<p>後から置いたファイル</p>", encoding="utf-8")
    with edition_builds.reused():   # the same commit: the rebuild above, again
        code, out, err = run(capsys, "--repo", released, "verify", "R5", copy)
    assert code == 1
    assert "検証に失敗しました" in err
    for rel in spoiled:
        assert f"アーカイブ: {rel}: 内容が違います" in err, err
    assert "R5/extra.html: MANIFEST にないファイルです" in err
    assert "再作成:" not in err  # git still reproduces every file the MANIFEST lists


def test_verify_reports_files_git_no_longer_reproduces(work_copy, edition_builds, capsys):
    """A MANIFEST whose hash git cannot produce (e.g. the archive came from
    other tools) fails on the rebuild, naming the file."""
    archive = work_copy / "build" / "archive" / "R5"
    manifest = archive / MANIFEST
    text = manifest.read_text(encoding="utf-8")
    entry = next(f for f in tomllib.loads(text)["files"] if f["path"] == "R5/index.html")
    (archive / "R5" / "index.html").write_bytes(b"<p>x</p>")
    fake = __import__("hashlib").sha256(b"<p>x</p>").hexdigest()
    manifest.write_text(text.replace(entry["sha256"], fake).replace(
        f'size = {entry["size"]}\nsha256 = "{fake}"', f'size = 8\nsha256 = "{fake}"'),
        encoding="utf-8")
    with edition_builds.reused():
        code, out, err = run(capsys, "--repo", work_copy, "verify", "R5")
    assert code == 1
    assert "再作成: R5/index.html: 内容が違います" in err
    assert "アーカイブ: R5/index.html" not in err


def test_uncommitted_text_is_refused_and_a_draft_goes_beside_the_archive(
        work_copy, edition_builds, capsys):
    before = snapshot(work_copy / "build")
    intent = work_copy / "source" / "intent.rst"
    intent.write_text(intent.read_text(encoding="utf-8") + "\n追記した文。\n", encoding="utf-8")
    # In a subprocess: in-process, an unexpected exception never reaches
    # stderr as a traceback, so "Traceback" not in err would always hold.
    proc = subprocess.run([sys.executable, "-m", "build_tools.cli", "--repo", str(work_copy),
                           "release", "R5"], cwd=ROOT, capture_output=True, text=True)
    code, err = proc.returncode, proc.stderr
    assert code == 1, err
    assert "revisions/R5.toml: 改訂版 R5 を公開版として確定できません" in err
    assert "source/intent.rst" in err and "--draft" in err
    assert "Traceback" not in err
    assert snapshot(work_copy / "build") == before
    # The editions are built from R5's commit (the edited source/ only makes
    # the release a draft), so the earlier build of that commit serves.
    with edition_builds.reused():
        code, out, err = run(capsys, "--repo", work_copy, "release", "R5", "--draft")
    assert code == 0, err
    draft = manifest_of(work_copy / "build" / "archive" / "R5.draft")
    assert draft["draft"] is True
    assert any("source/intent.rst" in reason for reason in draft["not_reproducible"])
    # the official archive is not touched by a draft
    assert snapshot(work_copy / "build" / "archive" / "R5") == snapshot_sub(before, "archive/R5/")


def snapshot_sub(snap: dict, prefix: str) -> dict:
    return {k[len(prefix):]: v for k, v in snap.items() if k.startswith(prefix)}


def test_uncommitted_metadata_is_refused(work_copy, capsys):
    before = snapshot(work_copy / "build")
    toml = work_copy / "revisions" / "policy.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("0467-82-1111", "0467-00-0000"),
                    encoding="utf-8")
    code, out, err = run(capsys, "--repo", work_copy, "release", "R5")
    assert code == 1
    assert "コミットされていない変更があります: revisions/policy.toml" in err
    assert snapshot(work_copy / "build") == before


def test_a_commit_on_no_branch_is_refused(work_copy, capsys):
    before = snapshot(work_copy / "build")
    repo = git.Repo(work_copy)
    repo.git.checkout("--quiet", "--detach")
    (work_copy / "revisions" / "note.txt").write_text("x", encoding="utf-8")
    repo.git.add("revisions")
    repo.index.commit("on no branch")
    code, out, err = run(capsys, "--repo", work_copy, "release", "R5")
    assert code == 1
    assert "どのブランチにも含まれていません" in err
    assert snapshot(work_copy / "build") == before


def test_an_old_revision_is_released_from_its_commit_whatever_source_holds(
        work_copy, edition_builds, capsys):
    code, out, err = run(capsys, "--repo", work_copy, "release", "H24")   # a real build
    assert code == 0, err
    archive = work_copy / "build" / "archive" / "H24"
    text = (archive / "H24" / "index.html").read_text(encoding="utf-8")
    assert "平成24年2月策定" in text
    assert not (archive / "R5").exists()
    # The first revision has no revision before it: no 新旧対照表, no 改め文.
    assert not (archive / "diff").exists() and not (archive / "amend").exists()
    assert manifest_of(archive)["includes"] == ["editions: " + ", ".join(FORMATS), "comments: H24"]
    with edition_builds.reused():   # the rebuild of that same commit
        code, out, err = run(capsys, "--repo", work_copy, "verify", "H24")
    assert code == 0, err


def test_release_includes_the_comparison_and_amendment_from_the_previous_revision(released):
    from build_tools.amend.publish import site_basename
    from build_tools.writers import WRITERS, file_formats
    archive = released / "build" / "archive" / "R5"
    manifest = manifest_of(archive)
    assert manifest["includes"][1:] == ["comparison: H29-R5", "amendment: H29-R5"]
    assert (archive / "diff" / "H29-R5" / "index.html").exists()
    # The 改め文 that made R5 from H29, in every format the site has, and only that pair's.
    amend = ["amend/H29-R5/index.html"] + [
        f"amend/H29-R5/{WRITERS[f].file_name(site_basename('H29', 'R5'))}"
        for f in file_formats(FORMATS)]
    assert sorted(p.relative_to(archive).as_posix() for p in (archive / "amend").rglob("*")
                  if p.is_file()) == sorted(amend)
    assert set(amend) <= {f["path"] for f in manifest["files"]}
    page = (archive / amend[0]).read_text(encoding="utf-8")
    assert "公民連携推進のための基本的な考え方（平成29年1月改訂）の一部を次のように改正する。" in page
    assert "この改訂は、令和5年4月から施行する。" in page
    # Linked from the 改訂履歴 beside the 新旧対照表, as on the site.
    history = (archive / "history.html").read_text(encoding="utf-8")
    row = next(r for r in history.split("<tr") if 'href="diff/H29-R5/index.html"' in r)
    assert '<a href="amend/H29-R5/index.html">改め文（平成29年1月改訂版の一部改正）</a>' in row
    for path in amend[1:]:
        assert f'<a href="{path}">' in row, path


def test_a_second_build_or_release_gets_the_lock_message(work_copy, capsys):
    before = snapshot(work_copy / "build")
    with build_lock(work_copy / "build"):
        for argv in (["release", "R5"], ["build", "--all"]):
            code, out, err = run(capsys, "--repo", work_copy, *argv)
            assert code == 1, argv
            assert "別のビルドが実行中です" in err, argv
    assert snapshot(work_copy / "build") == before


def test_ctrl_c_during_a_build_leaves_the_previous_site_intact(work_copy, html_site_build):
    policy = [sys.executable, "-m", "build_tools.cli", "--repo", str(work_copy)]
    # The HTML site of these commits, built once for the module: this build
    # finds every revision up to date and keeps it.
    shutil.copytree(html_site_build, work_copy / "build", dirs_exist_ok=True, symlinks=True)
    subprocess.run(policy + ["build", "--all"], check=True, cwd=ROOT, capture_output=True)
    build = work_copy / "build"
    before = snapshot(build / "site")
    # Make the next build slow: R5 gets a chapter of several MB.
    index = (work_copy / "source" / "index.rst").read_text(encoding="utf-8")
    big = "".join(f"段落{i}。公民連携の推進に当たっては、あらゆる主体が連携する。\n\n"
                  for i in range(40000))
    commit_text(work_copy, "R5", {
        "source/index.rst": index.replace("   intent\n", "   intent\n   long\n"),
        "source/long.rst": "長い章\n======\n\n" + big})
    proc = subprocess.Popen(policy + ["build", "--all"], cwd=ROOT, stderr=subprocess.PIPE,
                            text=True)
    for line in proc.stderr:
        if line.startswith("[1/"):
            break
    time.sleep(1.0)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == 130, rest
    assert "中断しました" in rest
    assert snapshot(build / "site") == before
    assert sorted(p.name for p in build.iterdir() if p.name.startswith(".site")) == []
    page = (build / "site" / "R5" / "index.html").read_text(encoding="utf-8")
    assert "long.html" not in page


# --- links: every one resolves inside the archive, or leaves it for good --------

class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        self.refs += [v for k, v in attrs if k in ("href", "src") and v]


def html_refs(folder: Path) -> dict[str, list[str]]:
    """{page: its href/src values} for every .html under `folder`."""
    found = {}
    for page in sorted(folder.rglob("*.html")):
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        found[page.relative_to(folder).as_posix()] = parser.refs
    return found


def document_refs(folder: Path) -> dict[str, list[str]]:
    """{file: its link targets}: external relationships of each .docx and the
    /URI, /Launch and /GoToR actions of each .pdf."""
    import pikepdf

    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as docx:
                xml = "".join(docx.read(n).decode() for n in docx.namelist() if n.endswith(".rels"))
            found[rel] = re.findall(r'<Relationship[^>]*Target="([^"]*)"[^>]*TargetMode="External"',
                                    xml) + re.findall(
                r'<Relationship[^>]*TargetMode="External"[^>]*Target="([^"]*)"', xml)
        elif path.suffix == ".pdf":
            with pikepdf.open(path) as pdf:
                found[rel] = [str(o.get("/URI") or o.get("/F")) for o in pdf.objects
                              if isinstance(o, pikepdf.Dictionary)
                              and o.get("/S") in ("/URI", "/Launch", "/GoToR")]
    return found


def is_absolute(url: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url)) or url.startswith("//")


def assert_links_stay_inside(archive: Path, external: set[str], site_url: str | None) -> int:
    """Each relative link names a file of the archive; each absolute one is
    on the published site or an external link the site's own pages have.
    Returns how many links were checked."""
    checked = 0
    for refs in (html_refs(archive), document_refs(archive)):
        for page, values in refs.items():
            for value in values:
                checked += 1
                parts = urlsplit(value)
                if is_absolute(value):
                    assert not value.startswith("file:"), (page, value)
                    assert (site_url and value.startswith(site_url)) or value in external, \
                        (page, value)
                elif parts.path:
                    target = (archive / page).parent / unquote(parts.path)
                    if parts.path.endswith("/"):
                        target /= "index.html"
                    assert target.resolve().is_relative_to(archive.resolve()), (page, value)
                    assert target.is_file(), f"{page}: {value} is not in the archive"
    return checked


@pytest.fixture(scope="module")
def html_site_build(released, tmp_path_factory):
    """A build folder with the HTML site of the released repository (every
    revision). Read only."""
    build = tmp_path_factory.mktemp("site-build")
    assert main(["--repo", str(released), "build", "--all", "--format", "html",
                 "--build-dir", str(build)]) == 0
    return build


@pytest.fixture(scope="module")
def site_external_links(html_site_build):
    """Absolute links of the site's own pages (the city's page and the like),
    from an HTML build of the released repository."""
    return {v for values in html_refs(html_site_build / "site").values()
            for v in values if is_absolute(v)}


def test_every_link_resolves_inside_the_archive_or_becomes_text(released, site_external_links):
    archive = released / "build" / "archive" / "R5"
    checked = assert_links_stay_inside(archive, site_external_links, None)
    assert checked > 300, checked
    # The other revisions are named, as text, not linked (no site_url in policy.toml).
    history = (archive / "history.html").read_text(encoding="utf-8")
    index = (archive / "index.html").read_text(encoding="utf-8")
    for text in ("平成24年2月策定版", "平成29年1月改訂版",
                 "平成24年2月策定版のパブリックコメント実施結果",
                 "新旧対照表（平成24年2月策定版との比較）", "改め文（平成24年2月策定版の全部改正）"):
        assert f'<span class="archive-omitted">{text}</span>' in history, text
    assert '<span class="archive-omitted">平成24年2月策定</span>' in index
    # …and so are that 新旧対照表's PDF and Word files, which the 改訂履歴 lists beside it.
    size = r'(?:<span class="file-size"[^>]*>[^<]*</span>)?'   # a download's size stays
    for text in ("PDF", "Word（.docx）"):
        body = re.escape(text[:-1]) + size + "）" if text.endswith("）") else re.escape(text) + size
        assert re.search(f'<span class="archive-omitted">{body}</span>', history), text
    omitted = (history + index).count('class="archive-omitted"')
    # 8, the H24→H29 改め文 with its PDF and Word files, and the 新旧対照表's
    # 見え消し files where the redline is built.
    assert omitted == (history + index).count("このアーカイブには収めていません") >= 11
    assert 'href="R5/index.html"' in index and 'href="diff/H29-R5/index.html"' in history


def test_with_site_url_links_to_missing_pages_go_to_the_published_site(
        work_copy, site_external_links, edition_builds, capsys):
    toml = work_copy / "revisions" / "policy.toml"
    text = toml.read_text(encoding="utf-8").replace(
        "\n[contact]", '\nsite_url = "https://www.example.jp/policy"\n\n[contact]', 1)
    repo = git.Repo(work_copy)
    toml.write_text(text, encoding="utf-8")
    repo.git.add("revisions")
    repo.index.commit("site_url")
    # The whole release reads site_url; the editions it builds do not depend
    # on it (links.py applies it afterwards), so the earlier build serves.
    with edition_builds.reused():
        code, out, err = run(capsys, "--repo", work_copy, "release", "R5")
    assert code == 0, err
    archive = work_copy / "build" / "archive" / "R5"
    site_url = "https://www.example.jp/policy/"
    assert_links_stay_inside(archive, site_external_links, site_url)
    history = (archive / "history.html").read_text(encoding="utf-8")
    for rel in ("H24/index.html", "H24/comments/index.html", "H29/index.html",
                "diff/H24-H29/index.html", "amend/H24-H29/index.html"):
        assert f'href="{site_url}{rel}"' in history, rel
    for rel in ("diff/H29-R5/index.html", "amend/H29-R5/index.html"):
        assert f'href="{rel}"' in history, rel   # in the archive: stays relative
    assert "archive-omitted" not in history


def test_a_site_url_that_is_no_url_is_refused(work_copy, capsys):
    toml = work_copy / "revisions" / "policy.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "\n[contact]", '\nsite_url = "www.example.jp"\n\n[contact]', 1), encoding="utf-8")
    code, out, err = run(capsys, "--repo", work_copy, "release", "R5", "--draft")
    assert code == 1
    assert "revisions/policy.toml: site_url「www.example.jp」は公開サイトの URL" in err


def test_link_rule_on_a_small_archive(tmp_path):
    (tmp_path / "R5").mkdir()
    (tmp_path / "R5" / "index.html").write_text("<p>本文</p>", encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<p><a class="x" href="R5/">R5</a> <a href="H24/index.html#s"><b>H24</b></a>'
                    ' <a href="#top">上へ</a> <a href="https://example.org/">市</a>'
                    ' <a href="../outside.html">外</a></p>', encoding="utf-8")
    assert fix_links(tmp_path, None) == 2
    assert page.read_text(encoding="utf-8") == (
        '<p><a class="x" href="R5/">R5</a> <span class="archive-omitted"><b>H24</b></span>'
        f'<small class="archive-note">{OMITTED_NOTE}</small> <a href="#top">上へ</a>'
        ' <a href="https://example.org/">市</a> <span class="archive-omitted">外</span>'
        f'<small class="archive-note">{OMITTED_NOTE}</small></p>')
    assert dangling_links(tmp_path) == []
    page.write_text('<a href="H24/index.html?x=1&amp;y=2#s">H24</a>', encoding="utf-8")
    assert fix_links(tmp_path, "https://www.example.jp/p/") == 1
    assert page.read_text(encoding="utf-8") == \
        '<a href="https://www.example.jp/p/H24/index.html?x=1&amp;y=2#s">H24</a>'
    page.write_text('<link rel="stylesheet" href="assets/missing.css">', encoding="utf-8")
    with pytest.raises(PolicyError, match="assets/missing.css"):
        fix_links(tmp_path, "https://www.example.jp/p/")


# --- fonts: every MANIFEST font has its file ------------------------------------

def test_every_manifest_font_has_its_file_and_sha256(released):
    manifest = manifest_of(released / "build" / "archive" / "R5")
    assert manifest["fonts"], "no fonts listed"
    for font in manifest["fonts"]:
        file = Path(font["file"])
        assert file.is_file(), font
        assert hashlib.sha256(file.read_bytes()).hexdigest() == font["sha256"], font
        assert file.name in ("ipaexm.ttf", "ipaexg.ttf"), font   # only the pinned IPAex fonts


def test_a_font_without_a_file_stops_the_release(work_copy, edition_builds, capsys, monkeypatch):
    import build_tools.archive.fonts as fonts
    real = fonts.font_file
    monkeypatch.setattr(fonts, "font_file", lambda name: None if name == "IPAexゴシック" else real(name))
    before = snapshot(work_copy / "build")
    with edition_builds.reused():   # the fonts are read from the built editions
        code, out, err = run(capsys, "--repo", work_copy, "release", "R5")
    assert code == 1
    assert "次のフォントのファイルが見つからないため、MANIFEST にフォントを記録できません: IPAexゴシック（" in err
    assert "R5/policy-R5.docx" in err
    assert snapshot(work_copy / "build") == before      # no archive with an incomplete MANIFEST


def test_the_word_template_names_only_the_pinned_fonts():
    from build_tools.writers.docx import TEMPLATE
    from build_tools.writers.docx.ooxml import font_names
    from build_tools.writers.docx.styles import BODY_FONT, HEADING_FONT
    assert font_names(TEMPLATE) == {BODY_FONT, HEADING_FONT}
    with zipfile.ZipFile(TEMPLATE) as docx:
        table = docx.read("word/fontTable.xml").decode()
    assert set(re.findall(r'<w:font w:name="([^"]+)"', table)) == {BODY_FONT, HEADING_FONT}
