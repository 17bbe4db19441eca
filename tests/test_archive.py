"""Official release and archive: identical manifests across builds and
clones, verification that names a changed file, refusal of uncommitted
text, the build lock, and Ctrl-C leaving the previous site intact."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import git
import pytest

from build_tools.archive import MANIFEST
from build_tools.cli import main
from build_tools.editions import FORMATS
from build_tools.site import build_lock
from tests.archive_repo import ROOT, commit_text, make_policy_repo, snapshot


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def manifest_of(folder: Path) -> dict:
    return tomllib.loads((folder / MANIFEST).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A policy repository with R5 released into build/archive/R5/."""
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
    if {"pdf", "docx"} & set(FORMATS):
        fonts = {f["name"]: f for f in manifest["fonts"]}
        assert any("IPAex" in name for name in fonts), fonts
        assert all(len(f["sha256"]) == 64 for name, f in fonts.items() if "IPAex" in name)
    # coreutils can check the archive without our tools
    check = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=archive,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_release_twice_and_in_a_clone_elsewhere_gives_identical_manifests(released, tmp_path):
    archive = released / "build" / "archive" / "R5"
    first = (archive / MANIFEST).read_bytes()
    time.sleep(1.1)  # a build time written anywhere would now differ
    assert main(["--repo", str(released), "release", "R5"]) == 0
    assert (archive / MANIFEST).read_bytes() == first
    clone = tmp_path / "somewhere" / "else" / "policy-clone"
    git.Repo.clone_from(released, clone)
    assert main(["--repo", str(clone), "release", "R5"]) == 0
    assert (clone / "build" / "archive" / "R5" / MANIFEST).read_bytes() == first
    assert snapshot(clone / "build" / "archive") == snapshot(released / "build" / "archive")


def test_outputs_do_not_contain_the_folder_they_were_built_in(released):
    for path in (released / "build" / "archive" / "R5").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert str(released).encode() not in data, path
            assert str(released.parent).encode() not in data, path


def test_verify_passes_then_names_each_file_with_a_changed_byte(released, tmp_path, capsys):
    copy = tmp_path / "R5-archive"
    shutil.copytree(released / "build" / "archive" / "R5", copy)
    code, out, err = run(capsys, "--repo", released, "verify", "R5", copy)
    assert code == 0, err
    assert "検証に成功しました" in out
    spoiled = ["R5/intent.html"] + [f"R5/policy-R5.{f}" for f in FORMATS if f != "html"]
    for rel in spoiled:
        data = bytearray((copy / rel).read_bytes())
        data[len(data) // 2] ^= 0x01
        (copy / rel).write_bytes(bytes(data))
    (copy / "R5" / "extra.html").write_text("<p>後から置いたファイル</p>", encoding="utf-8")
    code, out, err = run(capsys, "--repo", released, "verify", "R5", copy)
    assert code == 1
    assert "検証に失敗しました" in err
    for rel in spoiled:
        assert f"アーカイブ: {rel}: 内容が違います" in err, err
    assert "R5/extra.html: MANIFEST にないファイルです" in err
    assert "再作成:" not in err  # git still reproduces every file the MANIFEST lists


def test_verify_reports_files_git_no_longer_reproduces(work_copy, capsys):
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
    code, out, err = run(capsys, "--repo", work_copy, "verify", "R5")
    assert code == 1
    assert "再作成: R5/index.html: 内容が違います" in err
    assert "アーカイブ: R5/index.html" not in err


def test_uncommitted_text_is_refused_and_a_draft_goes_beside_the_archive(work_copy, capsys):
    before = snapshot(work_copy / "build")
    intent = work_copy / "source" / "intent.rst"
    intent.write_text(intent.read_text(encoding="utf-8") + "\n追記した文。\n", encoding="utf-8")
    code, out, err = run(capsys, "--repo", work_copy, "release", "R5")
    assert code == 1
    assert "revisions/R5.toml: 改訂版 R5 を公開版として確定できません" in err
    assert "source/intent.rst" in err and "--draft" in err
    assert "Traceback" not in err
    assert snapshot(work_copy / "build") == before
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


def test_an_old_revision_is_released_from_its_commit_whatever_source_holds(work_copy, capsys):
    code, out, err = run(capsys, "--repo", work_copy, "release", "H24")
    assert code == 0, err
    archive = work_copy / "build" / "archive" / "H24"
    text = (archive / "H24" / "index.html").read_text(encoding="utf-8")
    assert "平成24年2月策定" in text
    assert not (archive / "R5").exists()
    code, out, err = run(capsys, "--repo", work_copy, "verify", "H24")
    assert code == 0, err


def test_release_includes_the_comparison_with_the_previous_revision(released):
    assert (released / "build" / "archive" / "R5" / "diff" / "H29-R5" / "index.html").exists()


def test_a_second_build_or_release_gets_the_lock_message(work_copy, capsys):
    before = snapshot(work_copy / "build")
    with build_lock(work_copy / "build"):
        for argv in (["release", "R5"], ["build", "--all"]):
            code, out, err = run(capsys, "--repo", work_copy, *argv)
            assert code == 1, argv
            assert "別のビルドが実行中です" in err, argv
    assert snapshot(work_copy / "build") == before


def test_ctrl_c_during_a_build_leaves_the_previous_site_intact(work_copy):
    policy = [sys.executable, "-m", "build_tools.cli", "--repo", str(work_copy)]
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
