"""Consultation records on disk: reading `consultation.toml`, the category
set and `opinions.csv` (validated against the schema in model.py), and
writing `opinions.csv`.

The CSV reading is shared with `policy comments import`, which gives staff's
CSV files the same column handling and messages.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import PolicyError
from ..revisions import REVISIONS_DIR, Project
from ..schema import line_of, read_toml, validate
from .model import (CATEGORY_KEYS, CONSULTATION_FILE, CONSULTATION_KEYS, DEFAULT_CATEGORIES,
                    FIELD_BY_NAME, FIELDS, HEADERS, OPINIONS_FILE, Category, CategorySet,
                    Consultation, Opinion, Problems, RowSource, parse_opinions)


def load_categories(project: Project, rel: str) -> CategorySet:
    path = project.root / REVISIONS_DIR / rel
    shown = f"{REVISIONS_DIR}/{rel}"
    if not path.resolve().is_relative_to((project.root / REVISIONS_DIR).resolve()):
        raise PolicyError(f"区分のファイル {rel} は revisions/ の外を指しています", file=shown,
                          hint="revisions/ からの相対パスで書いてください（例: consultation/categories.toml）")
    if not path.is_file():
        raise PolicyError("区分のファイルがありません", file=shown,
                          hint=f"{REVISIONS_DIR}/{DEFAULT_CATEGORIES} を参考に作成してください")
    data, text = read_toml(path, project.root)
    if not isinstance(data.get("source"), str) or not isinstance(data.get("category"), list) \
            or not data["category"]:
        raise PolicyError("source = \"…\" と一つ以上の [[category]] が必要です", file=shown)
    found = []
    for item in data["category"]:
        values = validate(item, CATEGORY_KEYS, file=shown, text=text)
        found.append(Category(values["code"], values["label"], bool(values["changes_draft"]),
                              bool(values["count_only_allowed"])))
    codes = [c.code for c in found]
    duplicated = sorted({c for c in codes if codes.count(c) > 1})
    if duplicated:
        raise PolicyError(f"区分 {', '.join(duplicated)} が重複しています", file=shown)
    return CategorySet(data["source"], tuple(found), shown)


def load_metadata(project: Project, rev_id: str) -> dict:
    """consultation.toml of a revision, validated (no opinions)."""
    rev = project.revision(rev_id)
    rel = f"{REVISIONS_DIR}/{rev_id}/{CONSULTATION_FILE}"
    path = project.root / rel
    if not path.is_file():
        raise PolicyError(f"改訂版 {rev_id} のパブリックコメントの記録がありません", file=rel,
                          hint=f"{REVISIONS_DIR}/H24/{CONSULTATION_FILE} を参考に作成してください")
    data, text = read_toml(path, project.root)
    values = validate(data, CONSULTATION_KEYS, file=rel, text=text)
    if values["provenance"]["records"] == "sample" and not values["provenance"]["sample_notice"]:
        raise PolicyError("records = \"sample\" には sample_notice（見本である旨の表示）が必要です",
                          file=rel, line=line_of(text, "records", "provenance"))
    if rev.public_comment is None:
        raise PolicyError(f"改訂版 {rev_id} のメタデータに募集期間 [public_comment] がありません",
                          file=rev.file, hint="[public_comment] に start と end を書いてください")
    values["categories"] = load_categories(project, values["categories"] or DEFAULT_CATEGORIES)
    values["not_personal"] = tuple((m["opinion"], m["text"]) for m in values["not_personal"] or ())
    values["revision"] = rev
    values["file"] = rel
    values["opinions_file"] = f"{REVISIONS_DIR}/{rev_id}/{OPINIONS_FILE}"
    return values


def load(project: Project, rev_id: str) -> Consultation:
    """The consultation of a revision with its opinions, validated."""
    meta = load_metadata(project, rev_id)
    rel = meta["opinions_file"]
    path = project.root / rel
    if not path.is_file():
        raise PolicyError("意見のファイルがありません", file=rel,
                          hint=f"`policy comments import ファイル --revision {rev_id}` で取り込んでください")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise PolicyError("UTF-8 で読めません", file=rel,
                          hint="`policy comments import` で取り込み直してください") from None
    rows = read_csv_rows(text, rel, {f.name: f.header for f in FIELDS})
    problems = Problems()
    opinions, _ = parse_opinions(rows, categories=meta["categories"], methods=meta["methods"],
                                 problems=problems)
    problems.raise_if_any(rel, "意見のファイルに誤りがあります",
                          "該当する行を直してください")
    return Consultation(opinions=opinions, **meta)


def read_csv_rows(text: str, file: str,
                  mapping: dict[str, str]) -> list[tuple[RowSource, dict]]:
    """Rows of a CSV text as (where, field -> cell), using `mapping`
    (field -> header). A missing column of a required field is refused."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise PolicyError("ファイルが空です（1行目に見出しが必要です）", file=file) from None
    header = [h.strip() for h in header]
    index = column_index(header, mapping, file, line=1)
    rows, start = [], 2
    for record, cells in enumerate(reader, 2):
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        columns = {name: f"列「{mapping[name]}」" for name in index}
        raw = {name: cells[i] if i < len(cells) else "" for name, i in index.items()}
        rows.append((RowSource(file, line, columns, record), raw))
    return rows


def column_index(header: list[str], mapping: dict[str, str], file: str, *,
                 line: int) -> dict[str, int]:
    """field -> column index; refuses missing required columns and duplicates."""
    index, missing = {}, []
    for name, title in mapping.items():
        positions = [i for i, h in enumerate(header) if h == title]
        if len(positions) > 1:
            raise PolicyError(f"見出し「{title}」の列が複数あります", file=file, line=line)
        if positions:
            index[name] = positions[0]
        elif FIELD_BY_NAME[name].required:
            missing.append(f"「{title}」（{FIELD_BY_NAME[name].what}）")
    if missing:
        raise PolicyError("必要な列がありません: " + "、".join(missing), file=file, line=line,
                          hint=f"見出しの行（{line}行目）を直すか、--mapping で列の対応を指定してください。"
                          "見出しにある列: " + "、".join(h for h in header if h))
    return index


def write_opinions(path: Path, opinions: list[Opinion]) -> None:
    """Write opinions.csv (UTF-8, LF) atomically: a reader never sees half a file."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADERS, lineterminator="\n")
    writer.writeheader()
    for op in sorted(opinions, key=lambda o: o.number):
        writer.writerow(op.as_row())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    tmp.replace(path)
