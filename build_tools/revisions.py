"""Revisions (改訂版): metadata in `revisions/*.toml`, text in git.

Metadata is read from the working tree; a revision's text is read from the
commit its metadata names, so building H24 today gives H24's text even after
the working tree has moved on. Commits are resolved by hash: a fresh clone
with no tags works; a shallow clone gets a message saying how to fix it.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .era import PartialDate, wareki
from .errors import PolicyError

REVISIONS_DIR = "revisions"
SOURCE_DIR = "source"
POLICY_FILE = "policy.toml"
# Settings files that sit beside the revisions but are not revisions.
SETTINGS_FILES = (POLICY_FILE, "comparison.toml")
KINDS = ("策定", "改訂")
STATUSES = ("adopted", "draft")
PROVENANCE_TEXTS = ("published", "reconstruction", "sample")


# --- schema ------------------------------------------------------------------

@dataclass(frozen=True)
class Key:
    """One key of a TOML table: its type, whether it is required, and what a
    user should write (used in error messages)."""

    name: str
    expected: str
    check: object  # callable(value) -> converted value, raising ValueError
    required: bool = True


def _text(value):
    if not isinstance(value, str) or not value.strip():
        raise ValueError("空でない文字列")
    return value.strip()


def _choice(options):
    def check(value):
        if value not in options:
            raise ValueError(" / ".join(options) + " のいずれか")
        return value
    return check


def _date(value):
    try:
        date = PartialDate.parse(value)
        wareki(date)  # only dates an era can name (明治以降)
        return date
    except ValueError:
        raise ValueError("日付（明治以降、2012-02-01 または 2012-02）") from None


def _full_date(value):
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime) \
            and value >= dt.date(1868, 10, 23):
        return value
    raise ValueError("年月日（2011-11-16 のように引用符なしで）")


def _commit(value):
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{7,40}", value):
        return value
    raise ValueError("git のコミットハッシュ（16進数 7〜40桁）")


def _strings(value):
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ValueError("文字列の配列")


def _table(keys):
    def check(value):
        if not isinstance(value, dict):
            raise ValueError("テーブル（[名前] の節）")
        return value
    check.keys = keys
    return check


PROVENANCE_KEYS = (
    Key("text", " / ".join(PROVENANCE_TEXTS), _choice(PROVENANCE_TEXTS)),
    Key("note", "出典の説明（公開ページに表示されます）", _text),
    Key("source", "出典", _text),
)
PUBLIC_COMMENT_KEYS = (
    Key("start", "募集開始日", _full_date),
    Key("end", "募集終了日", _full_date),
)
REVISION_KEYS = (
    Key("id", "版の識別子（H24 など、ファイル名と同じ）", _text),
    Key("kind", " / ".join(KINDS), _choice(KINDS)),
    Key("status", " / ".join(STATUSES), _choice(STATUSES)),
    Key("adopted", "策定・改訂の年月（2012-02 など）", _date),
    Key("decided_by", "決定機関（政策会議 など）", _text),
    Key("summary", "改訂の概要", _text),
    Key("commit", "本文を収めた git コミットのハッシュ", _commit),
    Key("provenance", "出典の節 [provenance]", _table(PROVENANCE_KEYS)),
    Key("public_comment", "パブリックコメントの節 [public_comment]",
        _table(PUBLIC_COMMENT_KEYS), required=False),
)
CONTACT_KEYS = (
    Key("section", "担当課", _text),
    Key("office", "所在（庁舎・階）", _text),
    Key("postal_code", "郵便番号", _text),
    Key("address", "住所", _text),
    Key("phone", "電話番号", _text),
    Key("fax", "ファクス番号", _text, required=False),
)
POLICY_KEYS = (
    Key("title", "政策の題名", _text),
    Key("city", "市の名前", _text),
    Key("department", "所管部署", _text),
    Key("site_name", "サイト名", _text),
    Key("breadcrumb", "パンくずリスト（文字列の配列）", _strings, required=False),
    Key("contact", "問い合わせ先の節 [contact]", _table(CONTACT_KEYS)),
    Key("site_url", "公開サイトの URL（https://…/）", _text, required=False),
)


def _line_of(text: str, key: str, table: str | None) -> int | None:
    """The line where `key` is written (inside [table] if given), for messages."""
    in_table = table is None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = stripped.strip("[] ") == table
            if table and in_table and key == table:
                return number
            continue
        if in_table and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return None


def validate(data: dict, keys: tuple[Key, ...], *, file: str, text: str,
             table: str | None = None) -> dict:
    """Check `data` against `keys`; return the converted values.

    Every problem is a PolicyError naming the file, the line, the key and what
    is expected there."""
    prefix = f"[{table}] の" if table else ""
    known = {k.name for k in keys}
    for name in data:
        if name not in known:
            raise PolicyError(
                f"{prefix}キー '{name}' は使えません", file=file,
                line=_line_of(text, name, table),
                hint="使えるキー: " + ", ".join(sorted(known)))
    result = {}
    for key in keys:
        if key.name not in data:
            if key.required:
                raise PolicyError(
                    f"{prefix}キー '{key.name}' がありません（{key.expected}）",
                    file=file, hint=f"{key.name} = … を書き加えてください")
            result[key.name] = None
            continue
        value = data[key.name]
        try:
            converted = key.check(value)
        except ValueError as exc:
            raise PolicyError(
                f"{prefix}キー '{key.name}' には {exc} を書いてください"
                f"（書かれている値: {value!r}）",
                file=file, line=_line_of(text, key.name, table)) from None
        sub_keys = getattr(key.check, "keys", None)
        if sub_keys:
            converted = validate(converted, sub_keys, file=file, text=text, table=key.name)
        result[key.name] = converted
    return result


def read_toml(path: Path, root: Path) -> tuple[dict, str]:
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PolicyError("UTF-8 で読めません", file=rel,
                          hint="ファイルを UTF-8 で保存し直してください") from None
    except OSError as exc:
        raise PolicyError(f"読めません（{exc.strerror}）", file=rel) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line.*\)", "", str(exc))
        raise PolicyError(f"TOML の書き方に誤りがあります: {reason}", file=rel, line=line,
                          hint="引用符・括弧・= の対応を確認してください") from None


# --- the model ---------------------------------------------------------------

@dataclass(frozen=True)
class Policy:
    """The work: title, city and the contact block shown on every page."""

    title: str
    city: str
    department: str
    site_name: str
    breadcrumb: list[str]
    contact: dict
    site_url: str | None = None


@dataclass(frozen=True)
class Revision:
    """A revision (改訂版) of the policy: its metadata and the commit of its text."""

    id: str
    kind: str
    status: str
    adopted: PartialDate
    decided_by: str
    summary: str
    commit: str
    provenance: dict
    public_comment: dict | None
    file: str
    _extra: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def adopted_wareki(self) -> str:
        return wareki(self.adopted)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def context(self) -> dict:
        """Plain values for templates."""
        pc = self.public_comment
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "adopted": self.adopted.iso(),
            "adopted_wareki": self.adopted_wareki,
            "decided_by": self.decided_by,
            "summary": self.summary,
            "commit": self.commit,
            "short_commit": self.commit[:7],
            "provenance": self.provenance,
            "public_comment": pc and {
                "start_wareki": wareki(pc["start"]),
                "end_wareki": wareki(pc["end"]),
            },
        }


class Project:
    """The repository: where the policy, its revisions and the templates live."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self._repo = None

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / REVISIONS_DIR).is_dir() and (folder / SOURCE_DIR).is_dir():
                return cls(folder)
        raise PolicyError(
            "政策のリポジトリが見つかりません（revisions/ と source/ のあるフォルダ）",
            file=str(here), hint="リポジトリのフォルダに移動してから実行してください")

    # metadata

    def policy(self) -> Policy:
        path = self.root / REVISIONS_DIR / POLICY_FILE
        if not path.exists():
            raise PolicyError("ファイルがありません", file=f"{REVISIONS_DIR}/{POLICY_FILE}",
                              hint="README の「新しい政策の登録」を参照して作成してください")
        data, text = read_toml(path, self.root)
        values = validate(data, POLICY_KEYS, file=f"{REVISIONS_DIR}/{POLICY_FILE}", text=text)
        values["breadcrumb"] = values["breadcrumb"] or []
        return Policy(**values)

    def revisions(self) -> list[Revision]:
        """Every revision, oldest first."""
        found = []
        for path in sorted((self.root / REVISIONS_DIR).glob("*.toml")):
            if path.name in SETTINGS_FILES:
                continue
            found.append(self._load_revision(path))
        if not found:
            raise PolicyError("改訂版のメタデータがありません", file=f"{REVISIONS_DIR}/",
                              hint="revisions/<ID>.toml を作成してください")
        return sorted(found, key=lambda r: (r.adopted.first_day(), r.id))

    def revision(self, rev_id: str) -> Revision:
        revisions = self.revisions()
        for rev in revisions:
            if rev.id == rev_id:
                return rev
        raise PolicyError(
            f"改訂版 '{rev_id}' はありません",
            hint="あるのは " + ", ".join(r.id for r in revisions)
            + "（一覧は `policy revisions`）")

    def current(self) -> Revision:
        """The newest adopted revision: the one the site's top page shows."""
        adopted = [r for r in self.revisions() if not r.is_draft]
        if not adopted:
            raise PolicyError("決定済み（status = \"adopted\"）の改訂版がありません",
                              file=f"{REVISIONS_DIR}/")
        return adopted[-1]

    def _load_revision(self, path: Path) -> Revision:
        rel = path.relative_to(self.root).as_posix()
        data, text = read_toml(path, self.root)
        values = validate(data, REVISION_KEYS, file=rel, text=text)
        if values["id"] != path.stem:
            raise PolicyError(
                f"id '{values['id']}' がファイル名 '{path.stem}' と一致しません",
                file=rel, line=_line_of(text, "id", None),
                hint=f'id = "{path.stem}" とするか、ファイル名を {values["id"]}.toml にしてください')
        pc = values["public_comment"]
        if pc and pc["end"] < pc["start"]:
            raise PolicyError("[public_comment] の end が start より前です", file=rel,
                              line=_line_of(text, "end", "public_comment"))
        return Revision(file=rel, **values)

    # git

    @property
    def repo(self):
        if self._repo is None:
            import git
            try:
                self._repo = git.Repo(self.root)
            except (git.InvalidGitRepositoryError, git.NoSuchPathError):
                raise PolicyError("git リポジトリではありません", file=str(self.root),
                                  hint="git clone したフォルダで実行してください") from None
        return self._repo

    def commit_of(self, ref: str, *, revision: Revision | None = None):
        """The commit a revision or a git ref names, with a clear message when
        the object is not in this clone."""
        import git
        try:
            commit = self.repo.commit(ref)
            commit.tree  # noqa: B018 - make GitPython read the object now
            return commit
        except (git.BadName, git.BadObject, ValueError):
            shallow = (Path(self.repo.git_dir) / "shallow").exists()
            where = revision.file if revision else None
            what = f"改訂版 {revision.id} のコミット {ref}" if revision else f"'{ref}'"
            hint = ("このクローンは浅い（shallow）ため古いコミットがありません。"
                    "`git fetch --unshallow` を実行してください" if shallow else
                    "コミットが main に含まれているか確認してください"
                    "（`git fetch origin` の後 `git log --oneline` で探せます）。"
                    "メタデータの commit が誤っていれば直してください")
            raise PolicyError(f"{what} がこのリポジトリにありません", file=where,
                              hint=hint) from None

    def export_source(self, ref: str, dest: Path, *, revision: Revision | None = None) -> Path:
        """Write `source/` as it is in `ref` into `dest`, touching only files
        whose content changed so that Sphinx's incremental build stays valid.
        Returns `dest`."""
        commit = self.commit_of(ref, revision=revision)
        try:
            tree = commit.tree / SOURCE_DIR
        except KeyError:
            raise PolicyError(f"コミット {commit.hexsha[:7]} に source/ がありません",
                              file=revision.file if revision else None) from None
        dest.mkdir(parents=True, exist_ok=True)
        wanted = set()
        for blob in tree.traverse():
            if blob.type != "blob":
                continue
            rel = Path(blob.path).relative_to(SOURCE_DIR)
            wanted.add(rel)
            target = dest / rel
            data = blob.data_stream.read()
            if target.exists() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for path in sorted(dest.rglob("*"), reverse=True):
            rel = path.relative_to(dest)
            if path.is_file() and rel not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        return dest

    def source_differs(self, ref: str) -> list[str]:
        """Files under source/ whose working-tree content differs from `ref`."""
        commit = self.commit_of(ref)
        return [d.a_path or d.b_path for d in commit.diff(None, paths=SOURCE_DIR)]
