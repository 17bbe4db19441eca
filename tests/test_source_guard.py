"""source_guard: RST may not read files outside source/, and a file that is
not UTF-8 is reported with its line instead of a traceback."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.errors import PolicyError
from build_tools.revisions import Project
from build_tools.sphinx_run import run_sphinx, sphinx_config
from tests.archive_repo import ROOT

OUTSIDE = "../secret.txt"  # beside source/, as a file of the repository or the host would be
SECRET = "外に置いた秘密の内容 7f3a"


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    project = Project(ROOT)
    folder = tmp_path_factory.mktemp("texts")
    for rev in project.revisions():
        project.export_source(rev.commit, folder / rev.id)
    return folder


def build(src: Path, out: Path):
    project = Project(ROOT)
    rev = project.current().context() | {"is_current": True, "source_date_epoch": 0}
    config = sphinx_config(policy=vars(project.policy()), revision=rev, editions=[])
    if "build_tools.source_guard" not in config["extensions"]:
        config["extensions"] = [*config["extensions"], "build_tools.source_guard"]
    return run_sphinx(src, out / "html", out / "doctrees", config=config)


@pytest.mark.parametrize("rev_id", ["H24", "H29", "R5"])
def test_the_bundled_texts_pass(texts, tmp_path, rev_id):
    build(texts / rev_id, tmp_path)


CASES = {
    "figure": (f".. figure:: {OUTSIDE}\n\n   図\n", 0, "figure のパス"),
    "substitution image": (f".. |logo| image:: {OUTSIDE}\n", 0, "image のパス"),
    "include": (f".. include:: {OUTSIDE}\n", 0, "include のパス"),
    "literalinclude": (f".. literalinclude:: {OUTSIDE}\n", 0, "literalinclude のパス"),
    "raw file": (f".. raw:: html\n   :file: {OUTSIDE}\n", 1, ":file: のパス"),
    "csv-table url": (".. csv-table:: 表\n   :url: http://example.invalid/a.csv\n", 1, ":url:"),
}


@pytest.mark.parametrize("name", CASES)
def test_paths_outside_source_are_refused_and_nothing_is_copied(texts, tmp_path, name):
    rst, offset, words = CASES[name]
    src = tmp_path / "src"
    shutil.copytree(texts / "R5", src)
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    intent = src / "intent.rst"
    old = intent.read_text(encoding="utf-8").rstrip("\n")
    intent.write_text(old + "\n\n" + rst, encoding="utf-8")
    line = len(old.splitlines()) + 2 + offset
    with pytest.raises(PolicyError) as caught:
        build(src, tmp_path / "out")
    message = str(caught.value)
    assert message.startswith(f"source/intent.rst:{line}: {words}"), message
    assert "source/ の外" in message or "外部から取り込むことはできません" in message
    leaked = [p for p in (tmp_path / "out").rglob("*") if p.is_file() and (
        p.name == "secret.txt" or SECRET.encode() in p.read_bytes())]
    assert leaked == []


def test_a_file_inside_source_may_be_included(texts, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(texts / "R5", src)
    (src / "note.txt").write_text("取り込まれる注記。\n", encoding="utf-8")
    with open(src / "intent.rst", "a", encoding="utf-8") as handle:
        handle.write("\n\n.. include:: note.txt\n\n.. include:: /note.txt\n")
    build(src, tmp_path / "out")
    assert "取り込まれる注記。" in (tmp_path / "out" / "html" / "intent.html").read_text(encoding="utf-8")


def test_a_file_not_in_utf8_is_named_with_its_line(texts, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(texts / "R5", src)
    text = (src / "intent.rst").read_text(encoding="utf-8")
    (src / "intent.rst").write_bytes(text.encode("cp932"))
    with pytest.raises(PolicyError) as caught:
        build(src, tmp_path / "out")
    first_japanese = next(n for n, line in enumerate(text.splitlines(), 1)
                          if any(ord(c) > 127 for c in line))
    assert str(caught.value).startswith(f"source/intent.rst:{first_japanese}: UTF-8 で読めません")
