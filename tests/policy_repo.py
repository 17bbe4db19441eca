"""A small policy repository in a temporary folder, made with GitPython:
two revisions of a two-chapter text, metadata pointing at their commits."""
from __future__ import annotations

import shutil
from pathlib import Path

import git

ROOT = Path(__file__).resolve().parent.parent

CONF = 'project = "テスト方針"\nlanguage = "ja"\nroot_doc = "index"\n'
INDEX = "==========\nテスト方針\n==========\n\n.. toctree::\n\n   first\n   second\n"


def chapter(label: str, title: str, body: str) -> str:
    underline = "=" * (len(title) * 2)
    return f".. _{label}:\n\n{title}\n{underline}\n\n{body}\n"


def revision_toml(rev_id: str, commit: str, adopted: str, kind: str = "改訂",
                  text: str = "published") -> str:
    return (f'id = "{rev_id}"\nkind = "{kind}"\nstatus = "adopted"\nadopted = "{adopted}"\n'
            f'decided_by = "政策会議"\nsummary = "テスト用の版"\ncommit = "{commit}"\n\n'
            f'[provenance]\ntext = "{text}"\nnote = "テスト用の文章です。"\nsource = "テスト"\n')


def make_repo(path: Path) -> dict:
    """Create the repository; returns {'root', 'repo', 'A', 'B'} (commit hashes)."""
    path.mkdir(parents=True, exist_ok=True)
    repo = git.Repo.init(path, initial_branch="main")
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Test")
        cw.set_value("user", "email", "test@example.invalid")
    src = path / "source"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    (src / "first.rst").write_text(chapter("purpose", "1　目的", "旧版の目的の文です。"), encoding="utf-8")
    (src / "second.rst").write_text(chapter("scope", "2　範囲", "旧版の範囲の文です。"), encoding="utf-8")
    repo.index.add(["source"])
    a = repo.index.commit("A text").hexsha
    (src / "first.rst").write_text(chapter("purpose", "1　目的", "新版の目的の文です。"), encoding="utf-8")
    repo.index.add(["source"])
    b = repo.index.commit("B text").hexsha
    revs = path / "revisions"
    revs.mkdir()
    shutil.copyfile(ROOT / "revisions" / "policy.toml", revs / "policy.toml")
    (revs / "A.toml").write_text(revision_toml("A", a, "2012-02", kind="策定"), encoding="utf-8")
    (revs / "B.toml").write_text(revision_toml("B", b, "2019-05"), encoding="utf-8")
    repo.index.add(["revisions"])
    repo.index.commit("metadata")
    return {"root": path, "repo": repo, "A": a, "B": b}
