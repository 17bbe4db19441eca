"""`policy amend OLD NEW`: the 改め文 that turns OLD into NEW, proven by
applying it to OLD before anything is written."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ..errors import PolicyError
from ..writers import parse_formats


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "amend", help="改め文を作成します（適用して改正後と一致することを確かめてから書き出します）",
        description="OLD（改正前）を NEW（改正後）にする改め文を作り、OLD に適用して NEW と規定ごとに一致することを"
                    "確かめてから HTML・Word・PDF で書き出します。OLD・NEW は policy diff と同じく改訂版の ID、"
                    "git の参照、RST ファイルか source フォルダ、e-Gov の法令XML を指定できます。")
    p.add_argument("old", metavar="OLD", help="改正前")
    p.add_argument("new", metavar="NEW", help="改正後")
    p.add_argument("-o", "--output", type=Path, default=None,
                   help="出力先フォルダ（既定: build/amend/<OLD>-<NEW>）")
    p.add_argument("--format", "-f", default="html,docx,pdf",
                   help="html,pdf,docx をカンマ区切りで、または text（端末に表示）。既定: html,pdf,docx")
    p.add_argument("--style", choices=("法令", "例規", "例規(全角)", "例規(半角)"), default="",
                   help="書式（既定: 条・章が漢数字なら法令、それ以外は例規。例規の数字の全角・半角は"
                        "文書自身の番号の多い方）")
    p.add_argument("--whole-threshold", type=float, default=None, metavar="割合",
                   help="改正前の主な区分のうち対応のないものの割合がこれを超えると全部改正にします（既定 0.5）")
    p.set_defaults(func=cmd_amend)


def cmd_amend(args) -> int:
    from .. import writers
    from ..diff.cli import _safe, _standalone_policy
    from ..read import read_pair
    from ..revisions import Project
    from .amendment import Settings, amendment
    from .hane import warnings_for
    from .publish import front_matter, doctree, write

    try:
        project = Project.find(args.repo)
    except PolicyError:
        project = None
        if args.repo is not None:
            raise
    formats = parse_formats(args.format, writers.document_formats(terminal=True))
    terminal = [f for f in formats if writers.WRITERS[f].terminal]
    if terminal and len(formats) > 1:
        raise PolicyError(f"形式 '{args.format}' は使えません",
                          hint="html,pdf,docx の組み合わせか、端末に表示する形式だけを指定してください")
    if args.whole_threshold is not None and not 0 <= args.whole_threshold <= 1:
        raise PolicyError(f"--whole-threshold {args.whole_threshold} は使えません",
                          hint="0 から 1 までの割合を指定してください（例: 0.5）")
    started = time.perf_counter()
    old_doc, new_doc = read_pair(project, args.old, args.new)
    settings = Settings(style=args.style, **({} if args.whole_threshold is None
                                             else {"whole_threshold": args.whole_threshold}))
    result = amendment(old_doc, new_doc, settings)
    for warning in warnings_for(result):
        print(f"警告: {warning}", file=sys.stderr)
    if not result.whole and not result.sentences:
        print(f"差異はありません（{args.old} と {args.new}）")
        return 0
    policy = vars(project.policy()) if project else _standalone_policy(type(
        "T", (), {"title": old_doc.title})())
    if terminal:
        front = front_matter(result, old_doc, new_doc, policy=policy)
        sys.stdout.write(writers.render(doctree(result, old_doc, new_doc, front.title), front,
                                        terminal[0]))
        return 0
    out = args.output
    if out is None:
        base = project.root if project else Path.cwd()
        out = base / "build" / "amend" / f"{_safe(args.old)}-{_safe(args.new)}"
    written = write(result, old_doc, new_doc, out, formats, policy=policy,
                    basename=f"amendment-{_safe(args.old)}-{_safe(args.new)}")
    what = "全部改正" if result.whole else f"{len(result.sentences)} 文の改め文"
    print(f"改め文: {what}（改正前に適用して改正後と一致することを確認済み、"
          f"{time.perf_counter() - started:.2f} 秒）")
    for path in written:
        print(f"  {path}")
    return 0
