"""`policy apply AMENDMENT OLD [-o FILE] [--expect NEW]`: a 改め文 applied to
the old text — the oracle that proves an amendment says what it means.

`policy apply --parse AMENDMENT -f json` lists, per instruction sentence,
the operations read from it (or why it cannot be read) and the sentence the
renderer writes for them.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import PolicyError

MAX_BYTES = 4 * 1024 * 1024  # no 改め文 comes near this; a bigger file is not one
HINT_TEXT = "改め文をテキストファイル（UTF-8）で指定してください"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "apply", help="改め文を改正前の本文に適用します（--expect で改正後と照合）",
        description="AMENDMENT（改め文のテキスト）を読み、OLD（改正前: 改訂版 ID、RST、e-Gov 法令XML）"
                    "に適用した結果を RST で書き出します。--expect NEW は結果を改正後と規定ごとに照らし、"
                    "一致しなければ最初に異なる規定を示して終了コード 1 で終わります。"
                    "--parse は OLD なしで、指示文ごとに読み取った改正操作を示します。")
    p.add_argument("amendment", metavar="AMENDMENT", type=Path, help="改め文のテキストファイル")
    p.add_argument("old", metavar="OLD", nargs="?", help="改正前の本文（--parse では不要）")
    p.add_argument("-o", "--output", type=Path, default=None, help="適用結果の RST を書き出すファイル")
    p.add_argument("--expect", metavar="NEW", default=None, help="改正後の本文: 結果と規定ごとに照合します")
    p.add_argument("--parse", action="store_true", help="改め文を読むだけ: 指示文ごとの改正操作を示します")
    p.add_argument("--format", "-f", choices=("json", "text"), default="text",
                   help="--parse の出力形式（既定: text）")
    p.set_defaults(func=cmd_apply)


def read_amendment(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PolicyError("改め文のファイルがありません", file=str(path), hint=HINT_TEXT) from None
    except IsADirectoryError:
        raise PolicyError("フォルダではなく改め文のファイルを指定してください", file=str(path),
                          hint=HINT_TEXT) from None
    if len(data) > MAX_BYTES:
        raise PolicyError(f"改め文として大きすぎます（{len(data) // 1024} KB）", file=str(path),
                          hint=HINT_TEXT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PolicyError(f"UTF-8 で読めません（{exc.start} バイト目）", file=str(path),
                          hint="ファイルを UTF-8 で保存し直してください") from None
    if "\x00" in text:
        raise PolicyError("テキストファイルではありません", file=str(path), hint=HINT_TEXT)
    return text


def parsed_json(parsed) -> list[dict]:
    """One object per instruction sentence: sentence, operations or error,
    rendered, and the line it starts on."""
    out = []
    for item in parsed.instructions:
        entry: dict = {"sentence": item.text}
        if item.error:
            entry["error"] = item.error
            entry["rendered"] = None
        else:
            entry["operations"] = [op.to_json() for op in item.operations]
            entry["rendered"] = rendered(item)
        entry["line"] = item.line  # where the sentence starts in the file
        out.append(entry)
    return out


def rendered(item) -> str | None:
    """The sentence the renderer writes for `item`'s operations, in its style."""
    from .render import HOREI, STYLES, Style, render
    from .segment import outside_quotes
    style = STYLES.get(item.style, HOREI)
    words = outside_quotes(item.text)
    if "の下に" in words and style.insert_after != "の下に":
        style = Style(style.name, style.digits, "の下に")
    elif "の次に" in words and style.insert_after != "の次に" and "次の" not in words.replace("の次に", ""):
        style = Style(style.name, style.digits, "の次に")
    try:
        return render(item.operations, style)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None  # an operation the renderer does not write yet


def _unreadable(parsed, path: Path) -> PolicyError:
    lines = [f"  {path}:{i.line}: {i.error}" for i in parsed.errors]
    return PolicyError(f"改め文に読めない指示文が {len(parsed.errors)} 文あります:\n" + "\n".join(lines),
                       file=str(path),
                       hint="指示文の書き方（「第N条中「A」を「B」に改める。」など）を確認してください")


def cmd_apply(args) -> int:
    from .parse import parse
    text = read_amendment(args.amendment)
    parsed = parse(text)
    if args.parse:
        if args.old is not None or args.expect or args.output:
            raise PolicyError("--parse は改め文だけを読みます（OLD・--expect・-o は使えません）",
                              hint="`policy apply --parse 改め文.txt -f json` のように指定してください")
        if args.format == "json":
            json.dump(parsed_json(parsed), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            for entry in parsed_json(parsed):
                mark = "×" if "error" in entry else "○"
                print(f"{mark} {args.amendment}:{entry['line']}: {entry['sentence']}")
                if "error" in entry:
                    print(f"    読めません: {entry['error']}")
                elif entry["rendered"] != entry["sentence"]:
                    print(f"    書き直すと: {entry['rendered']}")
        return 1 if parsed.errors else 0
    if args.old is None:
        raise PolicyError("改正前の本文（OLD）を指定してください",
                          hint="`policy apply 改め文.txt 改正前.xml --expect 改正後.xml`、"
                               "または読むだけなら `--parse`")
    laws = parsed.amendment.laws
    if len(laws) > 1:
        raise PolicyError(f"改め文が {len(laws)} の法令を改正しています（{'、'.join(laws)}）",
                          file=str(args.amendment),
                          hint="改正前の本文に当たる法令の部分（改正文とその指示文）だけのファイルにしてください")
    if parsed.amendment.whole:
        raise PolicyError("全部改正です（「…の全部を改正する。」）: 指示文ではなく新しい本文そのものです",
                          file=str(args.amendment),
                          hint="新しい本文を改正後として `policy diff` で比べてください")
    if parsed.errors:
        raise _unreadable(parsed, args.amendment)
    if not parsed.instructions:
        raise PolicyError("改め文に指示文がありません", file=str(args.amendment),
                          hint="「第N条中「A」を「B」に改める。」のような指示文を含むファイルを指定してください")
    from .contents import contents_mismatch
    from .oracle import apply_text, first_mismatch, read_provisions, write_rst
    old = read_provisions(args, args.old)
    result = apply_text(parsed, old, str(args.amendment))
    if args.output is not None:
        write_rst(result, args.output)
    if args.expect is None:
        if args.output is None:
            sys.stdout.write(_rst_text(result))
        return 0
    new = read_provisions(args, args.expect)
    mismatch = first_mismatch(result, new) or contents_mismatch(parsed, args.old, args.expect)
    if mismatch is None:
        print(f"改正後と一致しました: {len(parsed.instructions)} 文・{len(parsed.operations)} の改正操作"
              f"（{args.expect}）")
        return 0
    print(f"改正後と一致しません: {mismatch}", file=sys.stderr)
    return 1


def _rst_text(result) -> str:
    from .oracle import rst_of
    return rst_of(result)
