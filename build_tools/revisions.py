"""Revisions (改訂版): metadata in `revisions/*.toml`, text in git.

Metadata is read from the working tree; a revision's text is read from the
commit its metadata names, so building H24 today gives H24's text even after
the working tree has moved on. Commits are resolved by hash: a fresh clone
with no tags works; a shallow clone gets a message saying how to fix it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .era import PartialDate, wareki
from .errors import PolicyError
from .schema import Key, line_of, read_toml, validate

REVISIONS_DIR = "revisions"
SOURCE_DIR = "source"
POLICY_FILE = "policy.toml"
# Settings files that sit beside the revisions but are not revisions.
SETTINGS_FILES = (POLICY_FILE, "comparison.toml", "lint.toml")
KINDS = ("策定", "改訂")
STATUSES = ("adopted", "draft")
PROVENANCE_TEXTS = ("published", "reconstruction", "sample")


# --- schema (see schema.py) --------------------------------------------------

PROVENANCE_KEYS = (
    Key("text", " / ".join(PROVENANCE_TEXTS), schema.choice(PROVENANCE_TEXTS)),
    Key("note", "出典の説明（公開ページに表示されます）", schema.text),
    Key("source", "出典", schema.text),
)
PUBLIC_COMMENT_KEYS = (
    Key("start", "募集開始日", schema.full_date),
    Key("end", "募集終了日", schema.full_date),
)
REVISION_KEYS = (
    Key("id", "版の識別子（H24 など、ファイル名と同じ）", schema.text),
    Key("kind", " / ".join(KINDS), schema.choice(KINDS)),
    Key("status", " / ".join(STATUSES), schema.choice(STATUSES)),
    Key("adopted", "策定・改訂の年月（2012-02 など）", schema.date),
    Key("effective", "施行の日（2023-04-01 など。改め文の附則に書きます。省略すると adopted）",
        schema.date, required=False),
    Key("decided_by", "決定機関（政策会議 など）", schema.text),
    Key("summary", "改訂の概要", schema.text),
    Key("commit", "本文を収めた git コミットのハッシュ", schema.commit),
    Key("provenance", "出典の節 [provenance]", schema.table(PROVENANCE_KEYS)),
    Key("public_comment", "パブリックコメントの節 [public_comment]",
        schema.table(PUBLIC_COMMENT_KEYS), required=False),
)
CONTACT_KEYS = (
    Key("section", "担当課", schema.text),
    Key("office", "所在（庁舎・階）", schema.text),
    Key("postal_code", "郵便番号", schema.text),
    Key("address", "住所", schema.text),
    Key("phone", "電話番号", schema.text),
    Key("fax", "ファクス番号", schema.text, required=False),
)
POLICY_KEYS = (
    Key("title", "政策の題名", schema.text),
    Key("city", "市の名前", schema.text),
    Key("department", "所管部署", schema.text),
    Key("site_name", "サイト名", schema.text),
    Key("breadcrumb", "パンくずリスト（文字列の配列）", schema.strings, required=False),
    Key("contact", "問い合わせ先の節 [contact]", schema.table(CONTACT_KEYS)),
    Key("site_url", "公開サイトの URL（https://…/）", schema.text, required=False),
    Key("page_url", "市のウェブサイトにあるこの政策のページの URL", schema.url, required=False),
    Key("breadcrumb_links", "パンくずリストの各階層の URL（[breadcrumb_links] の節）",
        schema.links, required=False),
)


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
    page_url: str | None = None          # the policy's page on the city's site
    breadcrumb_links: dict = field(default_factory=dict)   # breadcrumb level → URL


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
    effective: PartialDate | None = None   # 施行日, when the metadata gives it
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
        values["breadcrumb_links"] = values["breadcrumb_links"] or {}
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
                file=rel, line=line_of(text, "id", None),
                hint=f'id = "{path.stem}" とするか、ファイル名を {values["id"]}.toml にしてください')
        effective = values.get("effective")
        if effective is not None and effective.first_day() < values["adopted"].first_day():
            raise PolicyError("effective（施行の日）が adopted（策定・改訂の年月）より前です", file=rel,
                              line=line_of(text, "effective", None),
                              hint="施行の日は策定・改訂の日以後にしてください")
        pc = values["public_comment"]
        if pc and pc["end"] < pc["start"]:
            raise PolicyError("[public_comment] の end が start より前です", file=rel,
                              line=line_of(text, "end", "public_comment"))
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
