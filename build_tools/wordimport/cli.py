"""`policy import FILE.docx -o DIR`: a Word policy becomes our source."""
from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import", help="Word 文書（.docx）を RST の原稿（章ごとのファイルと index.rst）に取り込みます",
        description="Word 文書を、source/ と同じ形の原稿（章ごとの RST ファイル、目次の index.rst、"
                    "節ごとのラベル）として新しいフォルダに書き出します。見出しの段は段落のアウトライン"
                    "レベル、様式のアウトラインレベル、「見出し N」の様式名、--style-map の順で決めます。")
    p.add_argument("word_file", metavar="FILE.docx", type=Path, help="取り込む Word 文書")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                   help="書き出す新しいフォルダ（すでにあり空でなければ中止します）")
    p.add_argument("--accept-changes", action="store_true",
                   help="変更履歴をすべて承諾し、コメントを除いて取り込みます（既定: 残っていれば中止）")
    p.add_argument("--style-map", type=Path, default=None, metavar="MAP.toml",
                   help='様式名と見出しの段の対応表（TOML: [headings] の下に "章見出し" = 1、skip = ["表紙"]）')
    p.add_argument("--typed-headings", action="store_true",
                   help="番号（第1・1・(1)・ア など）で始まる短い段落を見出しにします。段は番号の種類ごとに、"
                        "文書に出てくる順（様式で見出しにしていない文書のため）")
    p.set_defaults(func=cmd_import)


def cmd_import(args) -> int:
    from . import import_docx
    from .styles import StyleMap
    style_map = StyleMap.load(args.style_map)
    style_map.typed_headings = style_map.typed_headings or args.typed_headings
    imported = import_docx(args.word_file, args.output, accept_changes=args.accept_changes,
                           style_map=style_map)
    chapters = len(imported.files) - 2
    print(f"取り込みました: 「{imported.title}」 {chapters} 章・見出し {imported.sections} → {args.output}")
    for note in imported.notes:
        print(f"  注意: {note}", file=sys.stderr)
    return 0
