"""Revision metadata (schema, clear errors) and resolution of revisions in git."""
from pathlib import Path

import pytest

from build_tools.errors import PolicyError
from build_tools.revisions import Project
from tests.policy_repo import ROOT, make_repo


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path / "repo")


def test_bundled_revisions_resolve_with_era_dates():
    project = Project(ROOT)
    revs = {r.id: r for r in project.revisions()}
    assert [r.id for r in project.revisions()] == ["H24", "H29", "R5"]
    assert revs["H24"].adopted_wareki == "平成24年2月"
    assert revs["H29"].adopted_wareki == "平成29年1月"
    assert revs["R5"].adopted_wareki == "令和5年4月"
    assert revs["H24"].kind == "策定" and revs["R5"].kind == "改訂"
    assert project.current().id == "R5"
    for rev in revs.values():
        assert project.commit_of(rev.commit, revision=rev).hexsha == rev.commit
    assert revs["H24"].public_comment["start"].isoformat() == "2011-11-16"


def test_reconstructed_revisions_say_so_in_their_metadata():
    revs = {r.id: r for r in Project(ROOT).revisions()}
    assert revs["H24"].provenance["text"] == "published"
    for rev_id in ("H29", "R5"):
        assert revs[rev_id].provenance["text"] == "reconstruction"
        assert "市の公表文ではありません" in revs[rev_id].provenance["note"]


def test_export_takes_the_text_from_the_commit_not_the_working_tree(repo, tmp_path):
    project = Project(repo["root"])
    (repo["root"] / "source" / "first.rst").write_text("今日の作業中の文章", encoding="utf-8")
    out = project.export_source(project.revision("A").commit, tmp_path / "a")
    assert "旧版の目的の文です。" in (out / "first.rst").read_text(encoding="utf-8")
    out = project.export_source(project.revision("B").commit, tmp_path / "a")
    assert "新版の目的の文です。" in (out / "first.rst").read_text(encoding="utf-8")


def test_export_removes_files_the_commit_does_not_have(repo, tmp_path):
    project = Project(repo["root"])
    dest = tmp_path / "out"
    project.export_source(repo["A"], dest)
    (dest / "stale.rst").write_text("x", encoding="utf-8")
    project.export_source(repo["B"], dest)
    assert not (dest / "stale.rst").exists()
    assert sorted(p.name for p in dest.iterdir()) == ["conf.py", "first.rst", "index.rst", "second.rst"]


def test_missing_commit_names_the_revision_and_says_how_to_fix(repo):
    toml = repo["root"] / "revisions" / "B.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(repo["B"], "0" * 40), encoding="utf-8")
    project = Project(repo["root"])
    with pytest.raises(PolicyError) as err:
        project.commit_of(project.revision("B").commit, revision=project.revision("B"))
    text = str(err.value)
    assert "revisions/B.toml" in text and "B" in text and "対処" in text


def test_shallow_clone_is_told_to_unshallow(repo, tmp_path):
    import git
    shallow = git.Repo.clone_from(f"file://{repo['root']}", tmp_path / "shallow", depth=1)
    project = Project(Path(shallow.working_tree_dir))
    rev = project.revision("A")
    with pytest.raises(PolicyError) as err:
        project.commit_of(rev.commit, revision=rev)
    assert "git fetch --unshallow" in str(err.value)


def test_fresh_clone_without_tags_resolves(repo, tmp_path):
    import git
    clone = git.Repo.clone_from(str(repo["root"]), tmp_path / "clone", no_tags=True)
    project = Project(Path(clone.working_tree_dir))
    assert [r.id for r in project.revisions()] == ["A", "B"]
    assert project.commit_of(project.revision("A").commit).hexsha == repo["A"]


@pytest.mark.parametrize("edit, where, words", [
    (lambda t: t.replace('kind = "改訂"', 'kind = "修正"'), "B.toml:2", ["kind", "策定 / 改訂"]),
    (lambda t: t.replace('adopted = "2019-05"', 'adopted = "2019/05"'), "B.toml:4", ["adopted", "日付"]),
    (lambda t: t.replace('id = "B"', 'id = "C"'), "B.toml:1", ["ファイル名"]),
    (lambda t: t.replace('adopted = "2019-05"', 'adopted = "1850-04"'), "B.toml:4", ["adopted", "明治以降"]),
    (lambda t: t.replace('adopted = "2019-05"', 'adopted = "平成31年5月"'), "B.toml:4",
     ["キー 'adopted': 平成31年5月 はありません（平成は 1989年1月8日〜2019年4月30日）"]),
    (lambda t: t.replace('summary = "テスト用の版"\n', ""), "B.toml", ["summary", "ありません"]),
    (lambda t: 'colour = "red"\n' + t, "B.toml:1", ["colour", "使えません"]),
    (lambda t: t + 'colour = "red"\n', "B.toml:13", ["[provenance] のキー 'colour'", "使えません"]),
    (lambda t: t.replace('text = "published"', 'text = "maybe"'), "B.toml:10", ["[provenance]", "text"]),
    (lambda t: t.replace('commit = "', 'commit = "zz'), "B.toml:7", ["commit", "ハッシュ"]),
    (lambda t: t.replace('summary = "テスト用の版"', 'summary = "テスト用の版'), "B.toml:6", ["TOML"]),
    (lambda t: t.replace('adopted = "2019-05"\n', 'adopted = "2019-05"\neffective = "2019-04-01"\n'),
     "B.toml:5", ["effective", "より前です"]),
])
def test_metadata_errors_name_file_line_key_and_expectation(repo, edit, where, words):
    path = repo["root"] / "revisions" / "B.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        Project(repo["root"]).revisions()
    text = str(err.value)
    assert f"revisions/{where}" in text
    for word in words:
        assert word in text


@pytest.mark.parametrize("adopted, wareki", [("令和元年5月", "令和元年5月"), ("平成31年4月", "平成31年4月"),
                                              ("2019年5月", "令和元年5月")])
def test_adopted_may_be_written_in_era_form(repo, adopted, wareki):
    path = repo["root"] / "revisions" / "B.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2019-05"', f'"{adopted}"'),
                    encoding="utf-8")
    assert Project(repo["root"]).revision("B").adopted_wareki == wareki


def test_unknown_revision_lists_the_known_ones(repo):
    with pytest.raises(PolicyError) as err:
        Project(repo["root"]).revision("H99")
    assert "H99" in str(err.value) and "A, B" in str(err.value)


def test_policy_file_is_validated(repo):
    path = repo["root"] / "revisions" / "policy.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('phone = "0467-82-1111"\n', ""), encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        Project(repo["root"]).policy()
    assert "[contact] のキー 'phone'" in str(err.value)


def test_the_amendments_supplementary_provision_takes_the_effective_date(repo):
    """附則: the 施行日 when the metadata gives it, else the revision's month."""
    from build_tools.amend.amendment import amendment
    from build_tools.amend.publish import effective_sentence
    from build_tools.read import read_pair
    path = repo["root"] / "revisions" / "B.toml"
    project = Project(repo["root"])
    old, new = read_pair(project, "A", "B")
    assert effective_sentence(amendment(old, new), new) == "この改訂は、令和元年5月から施行する。"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'adopted = "2019-05"\n', 'adopted = "2019-05"\neffective = "2019-06-01"\n'), encoding="utf-8")
    project = Project(repo["root"])
    old, new = read_pair(project, "A", "B")
    assert effective_sentence(amendment(old, new), new) == "この改訂は、令和元年6月1日から施行する。"
