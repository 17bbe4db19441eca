"""`policy verify ID [DIR]`: the archived files against the MANIFEST, then
against a rebuild from git in a temporary clone."""
from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import PolicyError
from ..revisions import Project
from .manifest import MANIFEST, listing, read_manifest
from .release import archive_dir, build_release, progress


def compare_listing(expected: list[dict], folder: Path) -> list[str]:
    """Each way the files in `folder` differ from the MANIFEST's list."""
    problems = []
    actual = {e["path"]: e for e in listing(folder)}
    for entry in expected:
        found = actual.pop(entry["path"], None)
        if found is None:
            problems.append(f"{entry['path']}: ありません")
        elif found["sha256"] != entry["sha256"] or found["size"] != entry["size"]:
            problems.append(f"{entry['path']}: 内容が違います（SHA-256 {found['sha256'][:12]}…、"
                            f"MANIFEST では {entry['sha256'][:12]}…）")
    problems += [f"{path}: MANIFEST にないファイルです" for path in sorted(actual)]
    return problems


def rebuild(project: Project, manifest: dict, dest: Path, work: Path) -> None:
    """Rebuild the release the MANIFEST describes, from a clone of the
    repository at the MANIFEST's commit (metadata as it was then)."""
    import git

    commit = project.commit_of(manifest["repo_commit"])
    clone = work / "repo"
    try:
        project.repo.git.clone("--quiet", "--shared", "--no-checkout", str(project.root), str(clone))
        git.Repo(clone).git.checkout("--quiet", "--detach", commit.hexsha)
    except git.GitCommandError as exc:
        raise PolicyError(f"検証用のクローンを作れません: {exc.stderr.strip()}",
                          file=str(project.root)) from None
    from ..editions import FORMATS
    missing = [f for f in manifest["formats"] if f not in FORMATS]
    if missing:
        raise PolicyError(f"形式 {', '.join(missing)} を作るライターがありません",
                          hint="MANIFEST の tools の版のツールで検証してください")
    snapshot = Project(clone)
    build_release(snapshot, snapshot.revision(manifest["revision"]), dest, manifest["formats"])


def verify(project: Project, rev_id: str, folder: Path | None = None) -> list[str]:
    """Problems found (empty: the archive is exactly what git produces)."""
    folder = Path(folder) if folder else archive_dir(project, rev_id)
    if not folder.is_dir():
        raise PolicyError("アーカイブのフォルダがありません", file=str(folder),
                          hint=f"先に `policy release {rev_id}` を実行するか、フォルダを指定してください")
    manifest = read_manifest(folder)
    if manifest["revision"] != rev_id:
        raise PolicyError(f"このアーカイブは改訂版 {manifest['revision']} のものです（指定: {rev_id}）",
                          file=str(folder / MANIFEST))
    if manifest.get("draft"):
        progress("注意: 下書き（--draft）のアーカイブです。未コミットの変更から作られたため、"
                 "git から作り直すと違いが出ることがあります: "
                 + "; ".join(manifest.get("not_reproducible", [])))
    problems = [f"アーカイブ: {p}" for p in compare_listing(manifest["files"], folder)]
    with tempfile.TemporaryDirectory(prefix="policy-verify-") as tmp:
        rebuilt = Path(tmp) / "out"
        rebuilt.mkdir()
        progress(f"{rev_id} をコミット {manifest['repo_commit'][:7]} から作り直して比べています")
        rebuild(project, manifest, rebuilt, Path(tmp))
        problems += [f"再作成: {p}" for p in compare_listing(manifest["files"], rebuilt)]
    return problems
