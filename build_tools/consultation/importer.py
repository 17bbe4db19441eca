"""`policy comments import FILE --revision ID`: bring in what staff really
have — an Excel workbook (.xlsx) or a CSV in UTF-8 (with or without BOM)
or Shift_JIS/CP932 — and write `revisions/<ID>/opinions.csv`.

The whole file is validated first; the records are written only when every
row is valid, so a refused import changes nothing. Columns whose header
says they hold personal data are never imported.

A mapping file (TOML) names the file's columns when they differ from ours:

    [columns]              # our field = the file's header
    number = "No."
    summary = "ご意見の要旨"
    [categories]           # optional: the file's value = our category
    "反映" = "A"
    [options]
    sheet = "意見一覧"      # .xlsx: the sheet (default: the first)
    header_row = 1         # the row of the headers (default: 1)
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import PolicyError
from ..revisions import Project
from . import privacy
from .model import (FIELD_BY_NAME, FIELDS, OPINIONS_FILE, Opinion, Problems, RowSource, folder,
                    parse_opinions)
from .records import column_index, load_metadata, write_opinions

ENCODINGS = (("utf-8-sig", "UTF-8"), ("cp932", "Shift_JIS（CP932）"))


@dataclass
class Mapping:
    columns: dict[str, str]                      # field -> the file's header
    categories: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int = 1


def default_mapping() -> Mapping:
    return Mapping({f.name: f.header for f in FIELDS})


def read_mapping(path: Path) -> Mapping:
    shown = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"対応表を読めません（{exc.strerror}）", file=shown) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"対応表の書き方に誤りがあります: {exc}", file=shown) from None
    mapping = default_mapping()
    unknown = set(data) - {"columns", "categories", "options"}
    if unknown:
        raise PolicyError(f"対応表の節 {', '.join(sorted(unknown))} は使えません", file=shown,
                          hint="使える節: [columns] [categories] [options]")
    for section in ("columns", "categories", "options"):
        if not isinstance(data.get(section, {}), dict):
            raise PolicyError(f"[{section}] は節（テーブル）として書いてください", file=shown,
                              hint=f"[{section}] の行の下に 名前 = \"値\" を並べます")
    for name, header in data.get("columns", {}).items():
        if name not in FIELD_BY_NAME:
            raise PolicyError(f"[columns] の '{name}' は項目にありません", file=shown,
                              hint="使える項目: " + ", ".join(FIELD_BY_NAME))
        if not isinstance(header, str) or not header.strip():
            raise PolicyError(f"[columns] の {name} には見出しの文字列を書いてください", file=shown)
        if privacy.is_personal_header(header) and name not in ("summary", "response"):
            raise PolicyError(f"見出し「{header}」は個人情報の列とみなすため、{name} に対応付けられません",
                              file=shown, hint="個人情報の列は取り込みません")
        mapping.columns[name] = header.strip()
    mapping.categories = {str(k): str(v) for k, v in data.get("categories", {}).items()}
    options = data.get("options", {})
    mapping.sheet = options.get("sheet")
    header_row = options.get("header_row", 1)
    if not isinstance(header_row, int) or header_row < 1:
        raise PolicyError("[options] の header_row には1以上の整数を書いてください", file=shown)
    mapping.header_row = header_row
    return mapping


@dataclass
class Table:
    """A file's cells as text rows, and how to name places in it."""

    header: list[str]
    rows: list[tuple[int, int | None, list[object]]]  # (line, Excel row of a CSV, cells)
    kind: str                              # shown in the report
    letters: bool                          # Excel: name columns by letter too


def _read_csv(path: Path, header_row: int) -> Table:
    import csv
    import io
    data = path.read_bytes()
    for encoding, shown in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise PolicyError("文字コードを判別できません（UTF-8 でも Shift_JIS でもありません）",
                          file=str(path), hint="Excel で「CSV UTF-8」として保存し直してください")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, header, start = [], None, 1
    for record, cells in enumerate(reader, 1):
        line, start = start, reader.line_num + 1
        if record < header_row:
            continue
        if header is None:
            header = [c.strip() for c in cells]
            continue
        rows.append((line, record, cells))
    if header is None:
        raise PolicyError(f"{header_row}行目に見出しがありません", file=str(path))
    return Table(header, rows, f"CSV（{shown}）", letters=False)


def _read_xlsx(path: Path, sheet: str | None, header_row: int) -> Table:
    import zipfile

    import openpyxl
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise PolicyError(f"Excel ファイルとして開けません（{exc}）", file=str(path),
                          hint=".xlsx 形式で保存し直してください（.xls は使えません）") from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            raise PolicyError(f"シート「{sheet}」がありません", file=str(path),
                              hint="あるシート: " + "、".join(book.sheetnames))
        rows, header = [], None
        for number, cells in enumerate(ws.iter_rows(values_only=True), 1):
            if number < header_row:
                continue
            if header is None:
                header = ["" if c is None else str(c).strip() for c in cells]
                continue
            rows.append((number, None, list(cells)))
    finally:
        book.close()
    if header is None:
        raise PolicyError(f"{header_row}行目に見出しがありません", file=str(path))
    return Table(header, rows, f"Excel（シート「{ws.title}」）", letters=True)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(index + 1)


@dataclass
class ImportResult:
    opinions: list[Opinion]
    target: Path
    kind: str
    dropped_personal: list[str]
    dropped_other: list[str]
    notices: list[str]
    written: bool


def import_file(project: Project, path: Path, rev_id: str, *, mapping: Mapping | None = None,
                mask: bool = False, dry_run: bool = False) -> ImportResult:
    """Validate `path` completely, then write the records (unless dry_run)."""
    path = Path(path)
    if not path.is_file():
        raise PolicyError("ファイルがありません", file=str(path))
    meta = load_metadata(project, rev_id)
    mapping = mapping or default_mapping()
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        table = _read_xlsx(path, mapping.sheet, mapping.header_row)
    elif suffix in (".csv", ".txt"):
        table = _read_csv(path, mapping.header_row)
    else:
        raise PolicyError(f"形式 '{suffix or '（拡張子なし）'}' は取り込めません", file=str(path),
                          hint=".xlsx 又は .csv のファイルを指定してください")
    shown = path.name
    wanted = {name: header for name, header in mapping.columns.items()}
    index = column_index(table.header, wanted, shown, line=mapping.header_row)
    used = set(index.values())
    dropped_personal = [h for i, h in enumerate(table.header)
                        if h and i not in used and privacy.is_personal_header(h)]
    dropped_other = [h for i, h in enumerate(table.header)
                     if h and i not in used and not privacy.is_personal_header(h)]
    rows = []
    for number, record, cells in table.rows:
        if all(c is None or not str(c).strip() for c in cells):
            continue
        columns = {}
        for name, i in index.items():
            label = f"列「{table.header[i]}」"
            columns[name] = f"{label}（{_letter(i)}列）" if table.letters else label
        raw = {name: cells[i] if i < len(cells) else None for name, i in index.items()}
        if mapping.categories and raw.get("category") is not None:
            value = str(raw["category"]).strip()
            raw["category"] = mapping.categories.get(value, value)
        rows.append((RowSource(shown, number, columns, record), raw))
    problems = Problems()
    if not rows:
        problems.append(f"{shown}: 意見の行がありません")
    opinions, notices = parse_opinions(rows, categories=meta["categories"],
                                       methods=meta["methods"], problems=problems)
    hits = privacy.scan(opinions, shown)
    if hits and not mask:
        problems.extend(hits)
    problems.raise_if_any(shown, "取り込めません。記録は書き込んでいません",
                          "該当する行と列を直してから、もう一度取り込んでください"
                          + ("。意見の中の個人情報は --mask で伏せ字にして取り込めます" if hits else ""))
    names = privacy.names(opinions, shown)
    if mask:
        notices += [f"伏せ字にしました: {h}" for h in hits + names]
        opinions = [privacy.masked(op) for op in opinions]
    else:
        notices += [f"人名と思われる語があります。公表の前に伏せ字にするか、"
                    f"consultation.toml の [[not_personal]] に個人情報ではないと記録してください: {n}"
                    for n in names]
    target = folder(project, rev_id) / OPINIONS_FILE
    if not dry_run:
        write_opinions(target, [replace(op, line=None) for op in opinions])
    return ImportResult(opinions, target, table.kind, dropped_personal, dropped_other,
                        notices, not dry_run)


def report(result: ImportResult, project: Project) -> str:
    """What was imported, for the terminal."""
    ops = result.opinions
    by_category: dict[str, int] = {}
    for op in ops:
        by_category[op.category] = by_category.get(op.category, 0) + 1
    rel = result.target.relative_to(project.root) if result.target.is_relative_to(project.root) \
        else result.target
    lines = [
        f"取り込み元の形式: {result.kind}",
        f"意見: {len(ops)}件（提出者 {len({op.submitter for op in ops})}名）",
        "区分別: " + "、".join(f"{k} {v}件" for k, v in sorted(by_category.items())),
        f"件数のみ掲載: {sum(op.count_only for op in ops)}件",
    ]
    if result.dropped_personal:
        lines.append("個人情報の列として取り込まなかった列: " + "、".join(result.dropped_personal))
    if result.dropped_other:
        lines.append("対応する項目がなく取り込まなかった列: " + "、".join(result.dropped_other))
    lines += result.notices
    lines.append(f"書き込み先: {rel}" if result.written else f"確認のみ（書き込み先: {rel}）")
    lines.append("該当箇所と本文の照合は `policy comments <ID> --check` で行います")
    return "\n".join(lines)
