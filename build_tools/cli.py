"""`policy`: the command line of the publishing pipeline.

Every user mistake ends in one clear message (file, line, what is wrong, how
to fix it) and a non-zero exit; a traceback means a bug in these tools.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import PolicyError
from .writers import PAGE_FORMAT

# Modules that add their own subcommands: each has register(subparsers),
# which adds a parser whose defaults include func(args) -> exit code.
# The commands other modules register, by name: a command imports only its
# own module (the others cost about 0.3 s of imports), help lists them all.
COMMANDS: dict[str, str] = {
    "release": "build_tools.archive", "verify": "build_tools.archive",
    "diff": "build_tools.diff.cli", "comments": "build_tools.consultation.cli",
    "import": "build_tools.wordimport.cli", "lint": "build_tools.lint.cli",
    "amend": "build_tools.amend.cli", "apply": "build_tools.amend.apply_cli"}
COMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(COMMANDS.values()))

EXIT_USER_ERROR = 1
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors, in the same voice as ours
        self.print_usage(sys.stderr)
        print(f"エラー: 引数が正しくありません: {message}\n"
              f"  対処: `{self.prog} --help` で使い方を確認してください", file=sys.stderr)
        sys.exit(2)


def _project(args):
    from .revisions import Project
    return Project.find(args.repo)


def cmd_revisions(args) -> int:
    project = _project(args)
    revisions = project.revisions()
    current = project.current()
    rows = [("版", "区分", "年月", "状態", "コミット", "本文")]
    for rev in revisions:
        state = "現行" if rev.id == current.id else ("案" if rev.is_draft else "")
        text = {"published": "市の公表文", "reconstruction": "再構成",
                "sample": "見本"}[rev.provenance["text"]]
        rows.append((rev.id, rev.kind, rev.adopted_wareki, state, rev.commit[:7], text))
    print(_table(rows))
    return 0


def _table(rows) -> str:
    from unicodedata import east_asian_width

    def width(text):
        return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)

    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)).rstrip()
        for row in rows)


def cmd_build(args) -> int:
    from .editions import EditionBuilder, parse_formats
    project = _project(args)
    formats = parse_formats(args.format)
    rev_ids = None if args.all or not args.revision else args.revision
    EditionBuilder(project, args.build_dir).build(rev_ids, formats)
    _lint_line(project)
    return 0


def _lint_line(project) -> None:
    """One line: the 公用文 findings in the working tree's source/."""
    from .lint import working_tree_summary
    try:
        line = working_tree_summary(project)
    except PolicyError as exc:
        line = f"公用文チェック: できませんでした（{exc}）"
    print(f"{line}（作業中の source/。詳しくは policy lint）", file=sys.stderr)


def cmd_preview(args) -> int:
    if args.serve:
        from .preview_server import serve
        return serve(_project(args), args.build_dir, args.port)
    from .editions import EditionBuilder
    EditionBuilder(_project(args), args.build_dir).preview()
    return 0


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv`: with its command's module only when `argv`
    names a registered command, with every command otherwise."""
    parser = _Parser(prog="policy", description=(
        "政策文書の公開パイプライン: 改訂版の一覧、各版（HTML・Word・PDF）の作成、"
        "新旧対照表、パブリックコメント実施結果。"))
    parser.add_argument("--repo", type=Path, default=None,
                        help="政策のリポジトリ（既定: 現在のフォルダから上へ探します）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("revisions", help="改訂版の一覧（版・区分・和暦の年月・コミット）")
    p.set_defaults(func=cmd_revisions)

    p = sub.add_parser("build", help="各版を build/site/ に作成します")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--revision", "-r", action="append", metavar="ID",
                       help="作成する版（繰り返し指定可。既定: すべて）")
    which.add_argument("--all", action="store_true", help="すべての版（既定）")
    p.add_argument("--format", "-f", default=PAGE_FORMAT,
                   help="作成する形式をカンマ区切りで（html,docx,pdf。既定: html）")
    p.add_argument("--build-dir", type=Path, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("preview", help="作業中の原稿（source/）を build/preview/ に表示用に作成します")
    p.add_argument("--serve", action="store_true",
                   help="127.0.0.1 で表示し、保存するたびに作り直してブラウザーを読み込み直します")
    p.add_argument("--port", type=int, default=8000, help="--serve のポート番号（既定: 8000）")
    p.add_argument("--build-dir", type=Path, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_preview)

    import importlib
    command = _command_of(sys.argv[1:] if argv is None else argv)
    for name in (COMMANDS[command],) if command in COMMANDS else COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _command_of(argv: list[str]) -> str | None:
    """The command word of `argv`: its first word that is not an option
    of `policy` itself (nor --repo's value)."""
    words = iter(argv)
    for word in words:
        if word == "--repo":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except PolicyError as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as exc:  # the file system refused: a path the user gave, permissions, disk
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"エラー: {where}{exc.strerror or exc}\n"
              "  対処: 出力先・入力のパス、権限、空き容量を確認してください", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("中断しました。以前の出力はそのまま残っています。", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
