"""`policy lint [PATH… | --revision ID]`: 公用文 checks on the command line."""
from __future__ import annotations

import sys
from pathlib import Path

from .report import REPORTS

EXIT_FINDINGS = 1


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "lint", help="公用文のきまり（公用文作成の考え方・公用文における漢字使用等）で原稿を調べます",
        description="原稿を「公用文作成の考え方」（令和4年1月 文化審議会建議）、"
                    "「公用文における漢字使用等について」（平成22年内閣訓令第1号）等で調べ、"
                    "ファイル:行:列 と規則・直し方を示します。エラーが残ると終了コード 1。")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="RST ファイル、source フォルダ又は e-Gov の法令XML（既定: 作業中の source/）")
    p.add_argument("--revision", "-r", metavar="ID",
                   help="改訂版の本文（コミット）を調べます。決定済みの版は報告だけで失敗にしません")
    p.add_argument("--profile", choices=("法令", "告示・通知", "記録・公開資料", "解説・広報"),
                   help="文書の種類（公用文作成の考え方の分類。既定: revisions/lint.toml、なければ 記録・公開資料）")
    p.add_argument("--format", "-f", choices=REPORTS, default=REPORTS[0], dest="report",
                   help="出力の形（text: 人が読む行、json、sarif: コードレビューの道具向け）")
    p.add_argument("--fix", action="store_true",
                   help="安全に直せる指摘をその場で直し、直した箇所を表示します（RST の書き方は保ちます）")
    p.add_argument("--rules", action="store_true", help="規則の一覧（ID・水準・出典・例）")
    p.set_defaults(func=cmd_lint)


def cmd_lint(args) -> int:
    from . import lint_inputs, load_settings
    from .report import RENDER, summary
    if args.rules:
        print(rules_table())
        return 0
    if args.paths and args.revision:
        from ..errors import PolicyError
        raise PolicyError("PATH と --revision は同時に指定できません",
                          hint="作業中の原稿か、改訂版の ID のどちらかを指定してください")
    project = _project(args)
    settings = load_settings(project.root if project else None)
    settings = settings.replace(profile=args.profile)
    results = lint_inputs(project, args.paths, args.revision, settings)
    if args.fix:
        from .fix import apply_fixes
        if args.revision:
            from ..errors import PolicyError
            raise PolicyError("--fix は改訂版（コミット）には使えません",
                              hint="作業中の原稿（source/）か、RST ファイルを指定してください")
        changed = apply_fixes([f for r in results for f in r.findings],
                              lambda: lint_inputs(project, args.paths, None, settings))
        for line in changed:
            print(line)
        print(f"{len(changed)} か所を直しました。", file=sys.stderr)
        results = lint_inputs(project, args.paths, None, settings)
    print(RENDER[args.report](results))
    if args.report != REPORTS[0]:
        print(summary(results), file=sys.stderr)
    return EXIT_FINDINGS if any(r.fails for r in results) else 0


def _project(args):
    """The project, if there is one here (PATHs outside a project lint too)."""
    from ..errors import PolicyError
    from ..revisions import Project
    try:
        return Project.find(args.repo)
    except PolicyError:
        if args.paths and not args.revision:
            return None
        raise


def rules_table() -> str:
    from .rules import LEVEL_NAMES, RULES
    return "\n".join(f"{r.id}\t{LEVEL_NAMES[r.level]}\t{r.title}（{r.source}）\t"
                     f"誤: {r.bad} → 正: {r.good}" for r in RULES.values())

