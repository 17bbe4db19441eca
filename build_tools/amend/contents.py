"""The 目次 of an e-Gov statute as one text, and a 改め文's 目次 instructions applied
to it. The provision tree holds no 目次 (a document's table of contents is made
from its headings), but a statute's 目次 is enacted text and is amended like any
other: 「目次中「第六十条」を「第六十一条」に改める。」 A 改め文 quotes it as its entries
run on (「…措置（第十三条−第十八条）第五章　罰則（第十九条）」), and writes the dash
of a range as − where e-Gov has ―: both are read as one dash.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import PolicyError
from .operations import CONTENTS, Delete, Insert, Replace

_DASHES = str.maketrans("−—–‐－─", "――――――")
HINT = "目次の指示文の引用を、改正前の目次と照らし合わせてください"


def contents_of(spec: str) -> str | None:
    """The 目次 of the e-Gov 法令XML file `spec` as one text; None when `spec`
    is not one or the law has no 目次."""
    from ..egov import _text, law_element
    path = Path(spec)
    if path.suffix.lower() != ".xml" or not path.is_file():
        return None
    law, _ = law_element(path)
    toc = law.find("LawBody/TOC")
    if toc is None:
        return None
    parts: list[str] = []

    def walk(element):
        for child in element:
            if not child.tag.startswith("TOC") or child.tag == "TOCLabel":
                continue
            title = next((c for c in child if c.tag.endswith(("Title", "Label"))), None)
            parts.append(_text(title) + _text(child.find("ArticleRange")))
            walk(child)
    walk(toc)
    return normal("".join(parts))


def normal(text: str) -> str:
    return text.translate(_DASHES)


def apply_contents(text: str, operations, name: str = "") -> str:
    """`text` (a 目次) with the 目次 word changes among `operations` made, by
    the quote rule: every occurrence changes, and a quote not there is an error."""
    for op in operations:
        if not op.target.path or op.target.path[0][0] != CONTENTS:
            continue
        if isinstance(op, Replace):
            old, new = normal(op.old), normal(op.new)
        elif isinstance(op, Delete):
            old, new = normal(op.text), ""
        elif isinstance(op, Insert):
            anchor, added = normal(op.anchor), normal(op.text)
            old, new = anchor, added + anchor if op.before else anchor + added
        else:
            raise PolicyError(f"{name}: 目次の「{op.op}」はまだ適用できません", hint=HINT)
        if not old or old not in text:
            raise PolicyError(f"{name}: 目次に「{old}」がありません", hint=HINT)
        text = text.replace(old, new)
    return text


def contents_mismatch(parsed, old_spec: str, new_spec: str) -> str | None:
    """None when the 目次 of `old_spec` amended by `parsed` is that of
    `new_spec` (or neither is an e-Gov file with a 目次), else what differs."""
    old, new = contents_of(old_spec), contents_of(new_spec)
    if old is None or new is None:
        return None
    got = apply_contents(old, parsed.operations, "目次")
    if got == new:
        return None
    at = next((i for i, (a, b) in enumerate(zip(got, new)) if a != b), min(len(got), len(new)))
    return (f"目次が異なります（{at + 1}文字目）:\n    適用結果: …{got[max(0, at - 15):at + 25]}…\n"
            f"    改正後:   …{new[max(0, at - 15):at + 25]}…")
