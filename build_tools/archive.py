"""Official release (公開版の確定) and archive of a revision, and its verification.

`policy release ID` builds every edition of one revision, its 新旧対照表
against the previous revision and its public-comment results into
`build/archive/<ID>/`, with a MANIFEST: SHA-256 and size of every file, the
commits it was made from, the tool versions and the font files. The archive
is written into a staging folder and swapped in only when everything
succeeded.

`policy verify ID [DIR]` checks the archived files against the MANIFEST, then
rebuilds the release from git in a temporary clone and compares again, so an
archivist can show years later that a file is exactly what the repository
produces.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from .consultation.model import has_consultation
from .errors import PolicyError
from .revisions import SOURCE_DIR, Project, Revision

ARCHIVE_DIR = "archive"
MANIFEST = "MANIFEST"
SHA256SUMS = "SHA256SUMS"
MANIFEST_FORMAT = 1
# Inputs besides the revision's text that shape the outputs: an official
# release must have them committed, so the MANIFEST's commit reproduces it.
TRACKED_INPUTS = ("revisions", "templates", "build_tools", "pyproject.toml")
# Distributions whose versions change outputs (recorded in the MANIFEST).
TOOLS = ("policy-pipeline", "sphinx", "docutils", "jinja2", "pygments", "python-docx",
         "lxml", "weasyprint", "pydyf", "fonttools", "pikepdf", "gitpython",
         "diff-match-patch", "openpyxl")


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def archive_dir(project: Project, rev_id: str, *, draft: bool = False,
                build_dir: Path | None = None) -> Path:
    """`build/archive/<ID>/`; a draft goes beside it, never over the official one."""
    build = Path(build_dir or project.root / "build")
    return build / ARCHIVE_DIR / (f"{rev_id}.draft" if draft else rev_id)


# --- may we release? ---------------------------------------------------------

def release_blockers(project: Project, rev: Revision) -> list[str]:
    """Why the working tree cannot give an official release of `rev` (empty: it can)."""
    repo = project.repo
    problems = []
    newest = project.revisions()[-1]
    if rev.id == newest.id:
        # The newest revision's text is what source/ is being edited into:
        # edits not yet in its commit would silently be left out.
        changed = set(project.source_differs(rev.commit))
        changed.update(p for p in repo.untracked_files if p.startswith(SOURCE_DIR + "/"))
        if changed:
            problems.append(
                f"source/ に改訂版 {rev.id} のコミット {rev.commit[:7]} と異なるファイルがあります: "
                + ", ".join(sorted(changed)[:10])
                + (f" ほか {len(changed) - 10} 件" if len(changed) > 10 else ""))
    status = repo.git.status("--porcelain", "--untracked-files=all", "--", *TRACKED_INPUTS)
    dirty = [line[3:] for line in status.splitlines() if line.strip()]
    if dirty:
        problems.append("コミットされていない変更があります: " + ", ".join(dirty[:10])
                        + (f" ほか {len(dirty) - 10} 件" if len(dirty) > 10 else ""))
    if repo.head.is_detached and not repo.git.for_each_ref(
            "--contains", "HEAD", "refs/heads", "refs/remotes").strip():
        problems.append(f"HEAD（{repo.head.commit.hexsha[:7]}）がどのブランチにも含まれていません"
                        "（detached HEAD で作ったコミット）")
    return problems


# --- building ----------------------------------------------------------------

class _WithoutTempPaths:
    """stderr without the builder's lines naming our temporary folder."""

    def __init__(self, stream, folder: str):
        self.stream, self.folder = stream, folder

    def write(self, text: str) -> int:
        if self.folder not in text:
            self.stream.write(text)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


def build_release(project: Project, rev: Revision, dest: Path, formats: list[str]) -> list[str]:
    """Write the release of `rev` into the empty folder `dest`, laid out like
    the site (so its links work); return what it includes."""
    from .editions import EditionBuilder

    included = [f"editions: {', '.join(formats)}"]
    with tempfile.TemporaryDirectory(prefix="policy-release-") as tmp, \
            contextlib.redirect_stderr(_WithoutTempPaths(sys.stderr, tmp)):
        site = EditionBuilder(project, Path(tmp) / "build").build([rev.id], formats)
        for item in site.iterdir():
            shutil.move(str(item), dest / item.name)
    revisions = project.revisions()
    index = [r.id for r in revisions].index(rev.id)
    wanted = f"{revisions[index - 1].id}-{rev.id}" if index > 0 else None
    # The site build writes every pair's 新旧対照表 and the revision's comment
    # results; the archive keeps this revision's table against the one before.
    for folder in sorted((dest / "diff").glob("*")):
        if folder.name != wanted:
            shutil.rmtree(folder)
    if wanted:
        included.append(f"comparison: {wanted}")
    if has_consultation(project, rev.id):
        included.append(f"comments: {rev.id}")
    return included


# --- the manifest --------------------------------------------------------------

def _tool_versions() -> dict:
    versions = {"python": platform.python_version()}
    for name in TOOLS:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            pass
    try:
        versions["git"] = subprocess.run(["git", "--version"], capture_output=True, text=True,
                                         check=True).stdout.split()[-1]
    except (OSError, subprocess.CalledProcessError):
        pass
    return versions


def _font_names(path: Path) -> set[str]:
    """Font names a PDF embeds or a DOCX's runs and styles name (w:rFonts)."""
    names = set()
    if path.suffix == ".pdf":
        import pikepdf
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                    names.add(re.sub(r"^[A-Z]{6}\+", "", str(obj.get("/FontName"))[1:]))
    elif path.suffix == ".docx":
        from .writers.docx.ooxml import font_names
        names = font_names(path)
    return names


def _font_file(name: str) -> Path | None:
    """The installed file of font `name` (fontconfig), or None when only a
    fallback would be used."""
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}\n%{postscriptname}\n%{file}", name],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    families, postscript, file = (out.split("\n") + ["", "", ""])[:3]
    known = {f.strip().lower().replace(" ", "") for f in families.split(",")}
    known.add(postscript.strip().lower())
    return Path(file).resolve() if name.lower().replace(" ", "") in known else None


def fonts_used(folder: Path) -> list[dict]:
    names = set()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".pdf", ".docx") and path.is_file():
            names |= _font_names(path)
    fonts = []
    for name in sorted(names):
        file = _font_file(name)
        fonts.append({"name": name, "file": str(file) if file else "",
                      "sha256": sha256(file) if file else ""})
    return fonts


def _listing(folder: Path) -> list[dict]:
    files = []
    for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in (MANIFEST, SHA256SUMS):
            files.append({"path": rel, "size": path.stat().st_size, "sha256": sha256(path)})
    return files


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string


def _toml_table(values: dict) -> str:
    return "".join(f"{_key(k)} = {_toml_value(v)}\n" for k, v in values.items())


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name)


def write_manifest(folder: Path, meta: dict) -> None:
    """MANIFEST (TOML, read back by `policy verify`) and SHA256SUMS (for
    `sha256sum -c`, without our tools)."""
    files = _listing(folder)
    text = ("# 公開版アーカイブの目録（MANIFEST）。`policy verify` で検証できます。\n"
            "# 各ファイルの SHA-256 は SHA256SUMS にもあり、`sha256sum -c SHA256SUMS` でも確認できます。\n"
            + _toml_table(meta["release"])
            + "\n[tools]\n" + _toml_table(meta["tools"]))
    for font in meta["fonts"]:
        text += "\n[[fonts]]\n" + _toml_table(font)
    for entry in files:
        text += "\n[[files]]\n" + _toml_table(entry)
    (folder / MANIFEST).write_text(text, encoding="utf-8")
    (folder / SHA256SUMS).write_text(
        "".join(f"{e['sha256']}  {e['path']}\n" for e in files), encoding="utf-8")


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    shown = str(path)
    if not path.is_file():
        raise PolicyError("MANIFEST がありません", file=shown,
                          hint="`policy release ID` で作ったアーカイブのフォルダを指定してください")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"MANIFEST を読めません: {exc}", file=shown,
                          hint="MANIFEST が壊れています。元のアーカイブから取り直してください") from None
    for key, kind in (("revision", str), ("text_commit", str), ("repo_commit", str),
                      ("formats", list)):
        if not isinstance(data.get(key), kind):
            raise PolicyError(f"MANIFEST のキー '{key}' がないか、形が違います", file=shown,
                              hint="MANIFEST が壊れています。元のアーカイブから取り直してください")
    data.setdefault("files", [])
    for number, entry in enumerate(data["files"], 1):
        if not (isinstance(entry, dict) and isinstance(entry.get("path"), str)
                and isinstance(entry.get("sha256"), str) and isinstance(entry.get("size"), int)):
            raise PolicyError(f"MANIFEST の {number} 番目の [[files]] に path・sha256・size がそろっていません",
                              file=shown,
                              hint="MANIFEST が壊れています。元のアーカイブから取り直してください")
    return data


# --- release -----------------------------------------------------------------

def release(project: Project, rev_id: str, *, draft: bool = False,
            build_dir: Path | None = None) -> Path:
    from .editions import FORMATS
    from .site import build_lock, staged

    rev = project.revision(rev_id)
    blockers = release_blockers(project, rev)
    if blockers and not draft:
        raise PolicyError(
            f"改訂版 {rev.id} を公開版として確定できません:\n  - " + "\n  - ".join(blockers),
            file=rev.file,
            hint="変更をコミットし、本文を変えたときは revisions/ の commit を新しいコミットに"
                 "直してから実行してください。試しに作るだけなら --draft を付けてください"
                 "（build/archive/<ID>.draft/ に作ります）")
    target = archive_dir(project, rev.id, draft=draft, build_dir=build_dir)
    formats = list(FORMATS)
    with build_lock(target.parent.parent), staged(target, keep_existing=False) as stage:
        included = build_release(project, rev, stage, formats)
        meta = {
            "release": {
                "format": MANIFEST_FORMAT,
                "policy": project.policy().title,
                "revision": rev.id,
                "label": f"{rev.adopted_wareki}{rev.kind}",
                "draft": draft,
                "text_commit": project.commit_of(rev.commit, revision=rev).hexsha,
                "repo_commit": project.repo.head.commit.hexsha,
                "source_date_epoch": project.commit_of(rev.commit).committed_date,
                "formats": formats,
                "includes": included,
                "not_reproducible": blockers if draft else [],
            },
            "tools": _tool_versions(),
            "fonts": fonts_used(stage),
        }
        write_manifest(stage, meta)
    return target


# --- verify ------------------------------------------------------------------

def compare_listing(expected: list[dict], folder: Path) -> list[str]:
    """Each way the files in `folder` differ from the MANIFEST's list."""
    problems = []
    actual = {e["path"]: e for e in _listing(folder)}
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
    from .editions import FORMATS
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


# --- CLI ---------------------------------------------------------------------

def cmd_release(args) -> int:
    project = Project.find(args.repo)
    target = release(project, args.id, draft=args.draft, build_dir=args.build_dir)
    manifest = read_manifest(target)
    shown = target.relative_to(project.root) if target.is_relative_to(project.root) else target
    kind = "下書き（--draft）" if args.draft else "公開版"
    print(f"{kind}のアーカイブを作成しました: {shown}/（{len(manifest['files'])} ファイル、"
          f"目録 {shown}/{MANIFEST}）")
    return 0


def cmd_verify(args) -> int:
    project = Project.find(args.repo)
    folder = args.dir or archive_dir(project, args.id, build_dir=args.build_dir)
    problems = verify(project, args.id, folder)
    if problems:
        print(f"検証に失敗しました: {folder} に MANIFEST と一致しないファイルが "
              f"{len(problems)} 件あります", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"検証に成功しました: {folder} の全ファイルが MANIFEST 及び git から作り直した結果と一致します")
    return 0


def register(subparsers) -> None:
    import argparse

    p = subparsers.add_parser("release", help="改訂版を公開版として build/archive/<ID>/ に確定します"
                                              "（全形式・新旧対照表・パブコメ結果・MANIFEST）")
    p.add_argument("id", metavar="ID", help="改訂版（H24 など）")
    p.add_argument("--draft", action="store_true",
                   help="未コミットの変更があっても試しに作ります（build/archive/<ID>.draft/）")
    p.add_argument("--build-dir", type=Path, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_release)

    p = subparsers.add_parser("verify", help="アーカイブを MANIFEST 及び git から作り直した結果と照合します")
    p.add_argument("id", metavar="ID", help="改訂版（H24 など）")
    p.add_argument("dir", metavar="DIR", nargs="?", type=Path, default=None,
                   help="アーカイブのフォルダ（既定: build/archive/<ID>/）")
    p.add_argument("--build-dir", type=Path, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_verify)
