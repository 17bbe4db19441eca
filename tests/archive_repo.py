"""A copy of the project's policy in a temporary git repository: the H24,
H29 and R5 texts of this repository as three commits, and revisions/ with
their metadata pointing at those new commits. Release, verify and the
bad-input corpus run against it, so they never touch the real repository."""
from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import warnings
from pathlib import Path

import git

from build_tools.revisions import Project

ROOT = Path(__file__).resolve().parent.parent
REVISION_IDS = ("H24", "H29", "R5")


def configure(repo: git.Repo) -> None:
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Test")
        cw.set_value("user", "email", "test@example.invalid")


def make_policy_repo(path: Path) -> Path:
    """Create the repository at `path`; returns `path`."""
    real = Project(ROOT)
    repo = git.Repo.init(path, initial_branch="main")
    configure(repo)
    commits = {}
    for rev_id in REVISION_IDS:
        real.export_source(real.revision(rev_id).commit, path / "source")
        repo.git.add("--all", "source")
        commits[rev_id] = repo.index.commit(f"{rev_id} text").hexsha
    # Metadata and consultation records as committed in this repository.
    for blob in real.repo.head.commit.tree["revisions"].traverse():
        if blob.type == "blob":
            set_file(path / blob.path, blob.data_stream.read())
    for rev_id in REVISION_IDS:
        point_revision(path, rev_id, commits[rev_id])
    repo.git.add("revisions")
    repo.index.commit("revision metadata")
    return path


def set_file(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def commit_text(root: Path, rev_id: str, changes: dict, message: str = "edit") -> str:
    """Commit `changes` ({path under the repo: text, bytes or None to delete})
    and point revision `rev_id` at the new commit (metadata committed too)."""
    repo = git.Repo(root)
    for rel, content in changes.items():
        if content is None:
            repo.git.rm("--quiet", rel)
        else:
            set_file(root / rel, content)
            repo.git.add(rel)
    sha = repo.index.commit(message).hexsha
    point_revision(root, rev_id, sha)
    repo.git.add("revisions")
    repo.index.commit(f"{rev_id} at {sha[:7]}")
    return sha


def point_revision(root: Path, rev_id: str, sha: str) -> None:
    toml = root / "revisions" / f"{rev_id}.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r'(?m)^commit = "[0-9a-f]+"', f'commit = "{sha}"', text),
                    encoding="utf-8")


def snapshot(folder: Path) -> dict:
    """Every file under `folder` with its SHA-256 (and every folder name), to
    show that a failed command left previous outputs untouched."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix():
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*")) if ".cache" not in p.parts and p.name != ".lock"}


class EditionBuilds:
    """The sites `EditionBuilder.build` wrote during a test module, kept by
    what they were built from (see `inputs_of`). Inside `reused()`, a build
    whose inputs match a kept one is a copy of it instead of a new Sphinx,
    PDF and Word run: for tests about what release and verify do around the
    build (checks, links, fonts, MANIFEST), not about the build itself.
    Outside `reused()` every build is real, so the tests that compare a
    rebuild with the archive still rebuild."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.reusing = False
        self.served = 0

    def install(self, monkeypatch) -> None:
        from build_tools.editions import EditionBuilder
        real = EditionBuilder.build

        def build(builder, rev_ids, formats):
            return self._build(real, builder, rev_ids, formats)
        monkeypatch.setattr(EditionBuilder, "build", build)

    def _build(self, real, builder, rev_ids, formats):
        kept = self.folder / inputs_of(builder.project, rev_ids, formats)
        site = builder.paths.site
        if self.reusing and kept.is_dir() and not site.exists():
            shutil.copytree(kept, site, copy_function=shutil.copy)  # new files, new mtimes
            self.served += 1
            return site
        site = real(builder, rev_ids, formats)
        if not kept.exists():
            shutil.copytree(site, kept, copy_function=shutil.copy)
        return site

    @contextlib.contextmanager
    def reused(self):
        served, self.reusing = self.served, True
        try:
            yield
        finally:
            self.reusing = False
        if self.served == served:
            warnings.warn("no earlier build had the same inputs: the edition build was real")


def inputs_of(project: Project, rev_ids, formats) -> str:
    """A digest of what `EditionBuilder.build` reads: the tools and templates,
    each revision's commit and the files of revisions/ (source/ is read from
    the commits, never from the working tree). policy.toml's site_url is left
    out: only the archive's link step reads it; the editions merely carry
    policy.toml as a PDF attachment."""
    from build_tools.digest import tools_digest

    digest = hashlib.sha256(repr((rev_ids, list(formats), tools_digest())).encode())
    for rev in project.revisions():
        digest.update(project.commit_of(rev.commit, revision=rev).hexsha.encode())
    revisions = project.root / "revisions"
    for path in sorted(revisions.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.relative_to(revisions).as_posix() == "policy.toml":
                data = re.sub(rb"\n{2,}", b"\n", re.sub(rb"(?m)^site_url\s*=.*\n", b"", data))
            digest.update(path.relative_to(revisions).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()
