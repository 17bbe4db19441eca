"""The bad-input corpus: mistakes an editor, an archivist or a git checkout
can bring, in RST, TOML, consultation records and git states.

Every case runs a `policy` command on a copy of a repository whose site and
R5 archive were built before, and asserts three things a user would notice:
a clear message (PolicyError text naming the file, and the line where there
is one), a non-zero exit, and previous outputs left exactly as they were.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import git
import pytest

from build_tools.cli import main
from build_tools.site import build_lock
from tests.archive_repo import commit_text, make_policy_repo, point_revision, snapshot

LONG = "".join(f"段落{i}。公民連携の推進に当たっては、あらゆる主体が連携する。\n\n"
               for i in range(25000))  # about 3 MB
OUTSIDE = "../" * 12 + "etc/hostname"  # leaves source/ however deep the build copies it


@dataclass
class Case:
    name: str
    mutate: Callable[[Path], object]   # returns a dict of extra values for `expect`
    argv: list[str]
    expect: list[str]                  # fragments of stderr (may use {line} etc.)
    extra: dict = field(default_factory=dict)


CASES: list[Case] = []


def case(name: str, argv: list[str], *expect: str):
    def register(mutate):
        CASES.append(Case(name, mutate, argv, list(expect)))
        return mutate
    return register


# --- helpers -------------------------------------------------------------------

def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def append_rst(root: Path, rel: str, text: str, rev: str = "R5") -> dict:
    """Commit `text` appended to source/`rel` as revision `rev`; returns the
    line its first non-blank line lands on."""
    old = (root / "source" / rel).read_text(encoding="utf-8")
    new = old.rstrip("\n") + "\n\n" + text
    commit_text(root, rev, {f"source/{rel}": new})
    return {"line": len(old.rstrip("\n").splitlines()) + 2}


def r5_line(root: Path, key: str) -> int:
    return line_of(root, "revisions/R5.toml", key)


# --- TOML: revision metadata and the policy file --------------------------------

BUILD_R5 = ["build", "-r", "R5"]
BUILD_ALL = ["build", "--all"]


@case("toml_syntax_error", BUILD_ALL, "revisions/R5.toml:{line}: TOML の書き方に誤りがあります")
def _(root):
    edit(root, "revisions/R5.toml", 'kind = "改訂"', 'kind = "改訂')
    return {"line": r5_line(root, "kind =")}


@case("toml_unknown_key", BUILD_ALL, "revisions/R5.toml:{line}: キー 'colour' は使えません")
def _(root):
    edit(root, "revisions/R5.toml", 'kind = "改訂"', 'kind = "改訂"\ncolour = "red"')
    return {"line": r5_line(root, "colour")}


@case("toml_missing_commit", BUILD_ALL, "revisions/R5.toml: キー 'commit' がありません")
def _(root):
    path = root / "revisions" / "R5.toml"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(True)
                            if not line.startswith("commit")), encoding="utf-8")


@case("toml_commit_not_hex", BUILD_ALL, "revisions/R5.toml:{line}: キー 'commit' には git のコミットハッシュ")
def _(root):
    point_revision(root, "R5", "0" * 40)
    edit(root, "revisions/R5.toml", "0" * 40, "main-branch")
    return {"line": r5_line(root, "commit =")}


@case("toml_id_not_file_name", BUILD_ALL,
      "revisions/R5.toml:{line}: id 'R6' がファイル名 'R5' と一致しません")
def _(root):
    edit(root, "revisions/R5.toml", 'id = "R5"', 'id = "R6"')
    return {"line": r5_line(root, "id =")}


@case("toml_unknown_kind", BUILD_ALL, "revisions/R5.toml:{line}: キー 'kind' には 策定 / 改訂 のいずれか")
def _(root):
    edit(root, "revisions/R5.toml", 'kind = "改訂"', 'kind = "廃止"')
    return {"line": r5_line(root, "kind =")}


@case("toml_month_13", BUILD_ALL, "revisions/R5.toml:{line}: キー 'adopted' には 日付")
def _(root):
    edit(root, "revisions/R5.toml", 'adopted = "2023-04"', 'adopted = "2023-13"')
    return {"line": r5_line(root, "adopted =")}


@case("toml_comment_period_reversed", BUILD_ALL,
      "revisions/H24.toml:{line}: [public_comment] の end が start より前です")
def _(root):
    edit(root, "revisions/H24.toml", "end = 2011-12-15", "end = 2011-11-01")
    return {"line": line_of(root, "revisions/H24.toml", "end =")}


@case("policy_toml_missing", BUILD_ALL, "revisions/policy.toml: ファイルがありません")
def _(root):
    (root / "revisions" / "policy.toml").unlink()


@case("policy_toml_without_contact", BUILD_ALL, "revisions/policy.toml: キー 'contact' がありません")
def _(root):
    path = root / "revisions" / "policy.toml"
    path.write_text(path.read_text(encoding="utf-8").split("[contact]")[0], encoding="utf-8")


@case("toml_shift_jis", BUILD_ALL, "revisions/R5.toml: UTF-8 で読めません")
def _(root):
    path = root / "revisions" / "R5.toml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp932"))


@case("toml_unreadable_dangling_link", BUILD_ALL, "revisions/R5.toml: 読めません")
def _(root):
    (root / "revisions" / "R5.toml").unlink()
    os.symlink("/nonexistent/R5.toml", root / "revisions" / "R5.toml")


@case("toml_is_a_folder", BUILD_ALL, "revisions/R5.toml: 読めません")
def _(root):
    (root / "revisions" / "R5.toml").unlink()
    (root / "revisions" / "R5.toml").mkdir()


@case("toml_several_mb", BUILD_ALL, "revisions/R5.toml:{line}: TOML の書き方に誤りがあります")
def _(root):
    path = root / "revisions" / "R5.toml"
    filler = "".join(f"# 長い注記 {i} ー公民連携ー公民連携ー公民連携ー公民連携\n" for i in range(60000))
    text = path.read_text(encoding="utf-8") + filler + "broken = ]\nlast = 1\n"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 4_000_000
    return {"line": text.count("\n") - 1}


@case("no_revisions", BUILD_ALL, "revisions/: 改訂版のメタデータがありません")
def _(root):
    for rev_id in ("H24", "H29", "R5"):
        (root / "revisions" / f"{rev_id}.toml").unlink()


@case("unknown_revision", ["build", "-r", "R9"], "改訂版 'R9' はありません", "H24, H29, R5")
def _(root):
    pass


# --- RST: the text at a revision's commit ---------------------------------------

@case("rst_unknown_directive", BUILD_R5, "source/intent.rst:{line}:", "frobnicate")
def _(root):
    return append_rst(root, "intent.rst", ".. frobnicate:: x\n")


@case("rst_label_used_twice", BUILD_R5, "duplicate label {label}", "source/philosophy.rst:4:",
      "source/intent.rst")
def _(root):
    # philosophy.rst's own label, given again to a section of intent.rst
    first = (root / "source" / "philosophy.rst").read_text(encoding="utf-8").splitlines()[0]
    append_rst(root, "intent.rst", f"{first}\n\n重複\n====\n\n本文。\n")
    return {"label": first.removeprefix(".. _").rstrip(":")}


@case("rst_figure_outside_source", BUILD_R5, "source/intent.rst:{line}:", "source/ の外")
def _(root):
    return append_rst(root, "intent.rst", f".. figure:: {OUTSIDE}\n\n   図\n")


@case("rst_image_absolute_path", BUILD_R5, "source/intent.rst:{line}:", "etc/hostname")
def _(root):
    return append_rst(root, "intent.rst", ".. image:: /etc/hostname\n")


@case("rst_include_outside_source", BUILD_R5, "source/intent.rst:{line}:", "source/ の外")
def _(root):
    return append_rst(root, "intent.rst", f".. include:: {OUTSIDE}\n")


@case("rst_literalinclude_outside_source", BUILD_R5, "source/intent.rst:{line}:", "source/ の外")
def _(root):
    return append_rst(root, "intent.rst", f".. literalinclude:: {OUTSIDE}\n")


@case("rst_missing_figure", BUILD_R5, "source/intent.rst:{line}:", "missing.png")
def _(root):
    return append_rst(root, "intent.rst", ".. figure:: missing.png\n\n   図\n")


@case("rst_shift_jis", BUILD_R5, "source/intent.rst", "UTF-8")
def _(root):
    text = (root / "source" / "intent.rst").read_text(encoding="utf-8")
    commit_text(root, "R5", {"source/intent.rst": text.encode("cp932")})


@case("rst_several_mb_with_an_error_at_the_end", BUILD_R5, "source/intent.rst:{line}:",
      "Inline emphasis start-string without end-string")
def _(root):
    info = append_rst(root, "intent.rst", LONG + "*閉じていない強調\n")
    info["line"] += LONG.count("\n")
    return info


@case("rst_toctree_names_a_missing_chapter", BUILD_R5, "source/index.rst:{line}:", "nosuch")
def _(root):
    text = (root / "source" / "index.rst").read_text(encoding="utf-8")
    commit_text(root, "R5", {"source/index.rst": text.replace("   intent\n", "   intent\n   nosuch\n")})
    return {"line": line_of(root, "source/index.rst", ".. toctree::")}  # Sphinx names the directive


@case("rst_reference_to_an_unknown_label", BUILD_R5, "source/intent.rst:{line}:", "nolabel")
def _(root):
    return append_rst(root, "intent.rst", "詳しくは :ref:`nolabel` を参照。\n")


@case("rst_unterminated_emphasis", BUILD_R5, "source/intent.rst:{line}:",
      "Inline emphasis start-string without end-string")
def _(root):
    return append_rst(root, "intent.rst", "これは *閉じていない強調です。\n")


@case("rst_title_underline_too_short", BUILD_R5, "source/intent.rst:{line}:", "Title underline too short")
def _(root):
    info = append_rst(root, "intent.rst", "とても長い見出しの題名\n====\n\n本文。\n")
    info["line"] += 1  # docutils names the underline
    return info


@case("rst_malformed_table", BUILD_R5, "source/intent.rst:", "Malformed table")
def _(root):
    return append_rst(root, "intent.rst", "+----+----+\n| A  | B  |\n+----+\n| C  | D  |\n+----+----+\n")


@case("rst_index_missing", BUILD_R5, "index")
def _(root):
    commit_text(root, "R5", {"source/index.rst": None})


@case("conf_py_syntax_error", BUILD_R5, "conf.py")
def _(root):
    commit_text(root, "R5", {"source/conf.py": "project = '閉じていない\n"})


@case("commit_without_source", BUILD_R5, "revisions/R5.toml:", "source/ がありません")
def _(root):
    repo = git.Repo(root)
    readme = root.parent / "README.txt"
    readme.write_text("no source here\n", encoding="utf-8")
    blob = repo.git.hash_object("-w", str(readme))
    tree = subprocess.run(["git", "mktree"], cwd=root, input=f"100644 blob {blob}\tREADME.txt\n",
                          capture_output=True, text=True, check=True).stdout.strip()
    sha = repo.git.commit_tree(tree, "-m", "a commit without source/")
    point_revision(root, "R5", sha)


# --- git states ------------------------------------------------------------------

@case("shallow_clone", ["build", "-r", "H24"], "revisions/H24.toml:", "--unshallow")
def _(root):
    shallow = root.parent / "shallow"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{root}", str(shallow)],
                   check=True)
    shutil.copytree(root / "build", shallow / "build")
    shutil.rmtree(root)
    shallow.rename(root)


@case("commit_missing", BUILD_R5, "revisions/R5.toml:", "改訂版 R5 のコミット deadbeef", "ありません")
def _(root):
    point_revision(root, "R5", "deadbeef" * 5)


@case("commit_is_a_tree_not_a_commit", BUILD_R5, "revisions/R5.toml:", "ありません")
def _(root):
    point_revision(root, "R5", git.Repo(root).head.commit.tree.hexsha)


@case("not_a_git_repository", BUILD_ALL, "git リポジトリではありません")
def _(root):
    shutil.rmtree(root / ".git")


@case("dirty_tree_release", ["release", "R5"], "revisions/R5.toml:", "source/intent.rst",
      "--draft")
def _(root):
    with open(root / "source" / "intent.rst", "a", encoding="utf-8") as handle:
        handle.write("\n未コミットの追記。\n")


@case("uncommitted_metadata_release", ["release", "R5"], "コミットされていない変更があります",
      "revisions/R5.toml")
def _(root):
    edit(root, "revisions/R5.toml", 'decided_by = "', 'decided_by = "（確認中）')


@case("detached_head_on_no_branch_release", ["release", "R5"],
      "どのブランチにも含まれていません")
def _(root):
    repo = git.Repo(root)
    repo.git.checkout("--quiet", "--detach")
    (root / "revisions" / "note.txt").write_text("x", encoding="utf-8")
    repo.git.add("revisions")
    repo.index.commit("on no branch")


@case("detached_head_with_a_missing_commit", ["build", "-r", "R5"], "deadbeef")
def _(root):
    git.Repo(root).git.checkout("--quiet", "--detach")
    point_revision(root, "R5", "deadbeef" * 5)


@case("verify_a_changed_archive", ["verify", "R5"], "アーカイブ: R5/index.html: 内容が違います")
def _(root):
    with open(root / "build" / "archive" / "R5" / "R5" / "index.html", "ab") as handle:
        handle.write(b" ")
    return {"touched": "archive/R5/R5/index.html", "rebuilds": True}


@case("verify_without_manifest", ["verify", "R5"], "build/archive/R5/MANIFEST: MANIFEST がありません")
def _(root):
    (root / "build" / "archive" / "R5" / "MANIFEST").unlink()
    return {"touched": "archive/R5/MANIFEST"}


@case("verify_a_broken_manifest", ["verify", "R5"], "MANIFEST を読めません")
def _(root):
    with open(root / "build" / "archive" / "R5" / "MANIFEST", "a", encoding="utf-8") as handle:
        handle.write("\n[[files]\n")
    return {"touched": "archive/R5/MANIFEST"}


@case("verify_another_revisions_archive", ["verify", "H24", "build/archive/R5"],
      "このアーカイブは改訂版 R5 のものです")
def _(root):
    pass


@case("verify_manifest_from_an_unknown_commit", ["verify", "R5"], "'0123456789", "ありません")
def _(root):
    path = root / "build" / "archive" / "R5" / "MANIFEST"
    head = git.Repo(root).head.commit.hexsha
    path.write_text(path.read_text(encoding="utf-8").replace(
        f'repo_commit = "{head}"', 'repo_commit = "' + "0123456789" * 4 + '"'), encoding="utf-8")
    return {"touched": "archive/R5/MANIFEST"}


@case("second_build_while_one_runs", BUILD_ALL, "build/.lock: 別のビルドが実行中です")
def _(root):
    return {"lock": True}


# --- consultation records (public comment) ----------------------------------------

OPINIONS = "revisions/H24/opinions.csv"
COMMENTS_H24 = ["comments", "H24", "--format", "html"]


def opinions_line(root: Path, number: int) -> int:
    return number + 1  # a header line, then one line per opinion


@case("opinion_with_unknown_category", COMMENTS_H24, OPINIONS + ":{line}:", "Z")
def _(root):
    lines = (root / OPINIONS).read_text(encoding="utf-8").splitlines(True)
    lines[2] = lines[2].replace(",C,", ",Z,", 1)
    (root / OPINIONS).write_text("".join(lines), encoding="utf-8")
    return {"line": 3}


@case("opinion_on_an_unknown_section", COMMENTS_H24, OPINIONS + ":{line}:", "no-such-section")
def _(root):
    lines = (root / OPINIONS).read_text(encoding="utf-8").splitlines(True)
    lines[1] = lines[1].replace(",definition,", ",no-such-section,", 1)
    (root / OPINIONS).write_text("".join(lines), encoding="utf-8")
    return {"line": 2}


@case("opinion_received_on_a_date_outside_its_era", COMMENTS_H24,
      OPINIONS + ":{line}: 列「受付日」: 昭和64年12月1日 はありません（昭和は 1926年12月25日〜1989年1月7日）")
def _(root):
    lines = (root / OPINIONS).read_text(encoding="utf-8").splitlines(True)
    lines[1] = lines[1].replace(",2011-11-18,", ",昭和64年12月1日,", 1)
    (root / OPINIONS).write_text("".join(lines), encoding="utf-8")
    return {"line": 2}


@case("consultation_published_on_a_date_outside_its_era", COMMENTS_H24,
      "revisions/H24/consultation.toml:{line}: キー 'published': 令和元年4月1日 はありません"
      "（令和は 2019年5月1日〜）", "対処")
def _(root):
    edit(root, "revisions/H24/consultation.toml", 'published = "2012-02"', 'published = "令和元年4月1日"')
    return {"line": line_of(root, "revisions/H24/consultation.toml", "published =")}


@case("opinions_in_shift_jis", COMMENTS_H24, OPINIONS, "UTF-8")
def _(root):
    path = root / OPINIONS
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp932"))


@case("consultation_toml_syntax_error", COMMENTS_H24, "revisions/H24/consultation.toml:{line}:")
def _(root):
    edit(root, "revisions/H24/consultation.toml", 'methods = [', 'methods = ]')
    return {"line": line_of(root, "revisions/H24/consultation.toml", "methods = ]")}


@case("import_a_file_that_is_not_xlsx", ["comments", "import", "opinions.xlsx", "--revision", "H24"],
      "opinions.xlsx")
def _(root):
    (root / "opinions.xlsx").write_bytes(b"this is not a spreadsheet\n" * 10)


@case("import_csv_without_required_columns",
      ["comments", "import", "opinions-in.csv", "--revision", "H24"], "opinions-in.csv")
def _(root):
    (root / "opinions-in.csv").write_text("番号,感想\n1,よい\n", encoding="utf-8")


# --- found in review: each once ended in a traceback ---------------------------------

@case("adopted_before_meiji", BUILD_R5, "revisions/R5.toml:{line}:", "adopted", "明治以降")
def _(root):
    edit(root, "revisions/R5.toml", 'adopted = "2023-04"', 'adopted = "1850-04"')
    return {"line": r5_line(root, "adopted = ")}


@case("diff_output_folder_is_a_file", ["diff", "H24", "H29", "-o", "notes.txt"],
      "notes.txt", "対処")
def _(root):
    (root / "notes.txt").write_text("メモ\n", encoding="utf-8")


@case("diff_of_a_commit_with_a_shift_jis_chapter", ["diff", "R5", "HEAD"],
      "source/intent.rst", "UTF-8 で読めません")
def _(root):
    text = (root / "source" / "intent.rst").read_text(encoding="utf-8")
    (root / "source" / "intent.rst").write_bytes(text.encode("cp932"))
    repo = git.Repo(root)
    repo.index.add(["source/intent.rst"])
    repo.index.commit("a chapter saved in Shift_JIS")


@case("comparison_settings_not_a_table", ["diff", "H29", "R5"],
      "revisions/comparison.toml", "[comparison]")
def _(root):
    (root / "revisions" / "comparison.toml").write_text('comparison = "x"\n', encoding="utf-8")


@case("import_mapping_columns_not_a_table",
      ["comments", "import", "opinions-in.csv", "--revision", "H24", "--mapping", "map.toml"],
      "map.toml", "[columns]")
def _(root):
    (root / "opinions-in.csv").write_text("番号,感想\n1,よい\n", encoding="utf-8")
    (root / "map.toml").write_text('columns = "x"\n', encoding="utf-8")


@case("categories_outside_revisions", COMMENTS_H24, "revisions/", "外を指しています")
def _(root):
    path = root / "revisions" / "H24" / "consultation.toml"
    path.write_text('categories = "/tmp/cats.toml"\n' + path.read_text(encoding="utf-8"),
                    encoding="utf-8")


@case("verify_manifest_entry_without_hash", ["verify", "R5"], "MANIFEST", "sha256")
def _(root):
    path = root / "build" / "archive" / "R5" / "MANIFEST"
    text = path.read_text(encoding="utf-8")
    start = text.index("sha256 = ", text.index("[[files]]"))
    end = text.index("\n", start)
    path.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    return {"touched": "archive/R5/MANIFEST"}


# --- the runner ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def base(tmp_path_factory, edition_builds):
    """A repository with a built site (every revision), the R5 archive and
    H24's public-comment result: the previous outputs every case must keep."""
    root = make_policy_repo(tmp_path_factory.mktemp("bad-input") / "policy")
    for argv in (["build", "--all"], ["release", "R5"], COMMENTS_H24):
        assert main(["--repo", str(root), *argv]) == 0, argv
    return root


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_bad_input(bad: Case, base, edition_builds, tmp_path, capsys, monkeypatch):
    root = tmp_path / "policy"
    shutil.copytree(base, root, symlinks=True)
    before = snapshot(root / "build")
    info = bad.mutate(root) or {}
    touched = info.get("touched")
    if touched:  # the case itself spoils an output: it must stay as spoiled
        before = snapshot(root / "build")
    monkeypatch.chdir(root)
    argv = ["--repo", str(root), *bad.argv]
    capsys.readouterr()
    if info.get("lock"):
        with build_lock(root / "build"):
            code = main(argv)
    elif bad.argv[0] == "verify" and info.get("rebuilds"):
        with edition_builds.reused():
            code = main(argv)
    else:
        code = main(argv)
    out, err = capsys.readouterr()
    assert code not in (0, None), f"exit {code}\n{out}\n{err}"
    assert "Traceback" not in err
    assert "エラー: " in err or "検証に失敗しました" in err, err
    for fragment in bad.expect:
        assert fragment.format(**info) in err, f"{fragment.format(**info)!r} not in:\n{err}"
    assert snapshot(root / "build") == before
    leftovers = [p.name for p in (root / "build").rglob(".*.new-*")]
    assert leftovers == []


def test_rst_and_html_in_an_opinion_stay_text(base, tmp_path):
    """Opinions come from outside the city: `raw`, `include` and HTML in them
    must reach the published result as plain text, never as markup or a file."""
    root = tmp_path / "policy"
    shutil.copytree(base, root, symlinks=True)
    secret = "外に置いた秘密の内容 5c1e"
    (root.parent / "secret.txt").write_text(secret + "\n", encoding="utf-8")
    hostile = ('【見本】<script>alert(1)</script> .. raw:: html  .. include:: ../../secret.txt '
               ':file:`../../secret.txt` |x| image:: ../../secret.txt')
    lines = (root / OPINIONS).read_text(encoding="utf-8").splitlines(True)
    cells = lines[1].split(",")
    cells[5] = '"' + hostile.replace('"', '""') + '"'
    lines[1] = ",".join(cells)
    (root / OPINIONS).write_text("".join(lines), encoding="utf-8")
    assert main(["--repo", str(root), *COMMENTS_H24]) == 0
    page = (root / "build" / "site" / "H24" / "comments" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert ".. include:: ../../secret.txt" in page
    assert secret not in page
