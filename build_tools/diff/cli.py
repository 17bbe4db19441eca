"""`policy diff OLD NEW`: the 新旧対照表 of two inputs."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ..errors import PolicyError
from ..writers import parse_formats


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "diff", help="新旧対照表を作成します（改訂版 ID・git の参照・RST ファイルやフォルダを比較）",
        description="OLD（改正前）と NEW（改正後）を比べ、新旧対照表を HTML・Word・PDF で書き出します。"
                    "OLD・NEW には改訂版の ID（H24 など）、git の参照、RST ファイルか source フォルダのパスを指定できます。")
    p.add_argument("old", metavar="OLD", help="改正前（現行）")
    p.add_argument("new", metavar="NEW", help="改正後（改正案）")
    p.add_argument("-o", "--output", type=Path, default=None,
                   help="出力先フォルダ（既定: build/diff/<OLD>-<NEW>）")
    p.add_argument("--format", "-f", default="html,docx,pdf",
                   help="html,pdf,docx をカンマ区切りで、または text（端末に表示）。"
                        "redline は見え消し版（変更履歴付きの Word、redline-<OLD>-<NEW>.docx）、"
                        "redline-static は同じ見え消しを書式（二重取消線・下線）だけで。既定: html,pdf,docx")
    p.add_argument("--moves", choices=("on", "off"), default="on",
                   help="見え消し版で、移動した節を移動として（on、既定）または削除と挿入として（off）書きます")
    p.add_argument("--full", action="store_true", help="変更のない節・段落も省略せずに表示します")
    p.add_argument("--old-left", action="store_true", help="改正前を左の列にします")
    p.add_argument("--draft", action="store_true", default=None,
                   help="見出しを「改正案」「現行」にします（既定: NEW が案なら自動）")
    p.add_argument("--no-notes", action="store_true", help="（新設）（削る）を書きません")
    p.add_argument("--check", action="store_true",
                   help="対照表を検査します（「略」の範囲、語の途中の傍線、本文の復元、PDF の各ページの見出し行）。"
                        "問題があれば行と理由を示して終了コード 1")
    p.set_defaults(func=cmd_diff)


def cmd_diff(args) -> int:
    from ..revisions import Project
    from ..amend.hane import check as hane_check
    from ..read import read_pair
    from . import compare
    from .settings import load_settings
    from .. import writers
    from .publish import CLI_FORMATS, front_matter, write_comparison

    try:
        project = Project.find(args.repo)
    except PolicyError:
        project = None  # two paths can be compared outside a repository
        if args.repo is not None:
            raise
    formats = parse_formats(args.format, CLI_FORMATS)
    terminal = [f for f in formats if writers.WRITERS[f].terminal]
    if terminal and len(formats) > 1:
        files = ",".join(f for f in CLI_FORMATS if f not in terminal)
        raise PolicyError(f"形式 '{args.format}' は使えません",
                          hint=f"{files} の組み合わせか、{terminal[0]} だけを指定してください")
    settings = load_settings(project.root if project else None).replace(
        full=args.full or None, draft=args.draft,
        new_column="right" if args.old_left else None,
        show_added_deleted_notes=False if args.no_notes else None)
    started = time.perf_counter()
    old_doc, new_doc = read_pair(project, args.old, args.new)
    comparison = compare(old_doc, new_doc, settings)
    # ハネ改正: references whose target moved, by the table's own pairing.
    for warning in hane_check(*comparison.provision_trees(), comparison.provision_pairs()):
        print(f"警告: {warning}", file=sys.stderr)
    if comparison.is_empty:
        print(f"差異はありません（{args.old} と {args.new}）")
        return 0
    policy = vars(project.policy()) if project else _standalone_policy(comparison)
    if terminal:
        sys.stdout.write(writers.render(comparison.doctree(),
                                        front_matter(comparison, policy=policy), terminal[0],
                                        color=sys.stdout.isatty()))
        return 0
    out = args.output
    if out is None:
        base = project.root if project else Path.cwd()
        out = base / "build" / "diff" / f"{_safe(args.old)}-{_safe(args.new)}"
    written = write_comparison(comparison, out, formats, policy=policy,
                               basename=f"comparison-{_safe(args.old)}-{_safe(args.new)}",
                               pair=f"{_safe(args.old)}-{_safe(args.new)}",
                               moves=args.moves == "on")
    changed = len(comparison.changed_rows)
    print(f"新旧対照表: {changed} か所の変更（{time.perf_counter() - started:.2f} 秒）")
    for path in written:
        print(f"  {path}")
    if args.check:
        return _check(comparison, written, settings)
    return 0


def _check(comparison, written, settings) -> int:
    from .check import check_doctree, check_pdf
    from .table import headers
    problems = check_doctree(comparison.doctree(), comparison)
    for path in written:
        if Path(path).suffix == ".pdf":
            problems += check_pdf(Path(path), headers(comparison, settings))
    if problems:
        print(f"検査: {len(problems)} 件の問題があります", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("検査: 問題はありません")
    return 0


def _safe(spec: str) -> str:
    path = Path(spec)
    name = path.stem if ("/" in spec or path.suffix in (".rst", ".xml", ".docx")) else spec
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


def _standalone_policy(comparison) -> dict:
    """Page context when two files are compared outside a policy repository."""
    return {"title": comparison.title or "新旧対照表", "city": "", "department": "",
            "site_name": comparison.title or "新旧対照表", "breadcrumb": [],
            "contact": {}}
