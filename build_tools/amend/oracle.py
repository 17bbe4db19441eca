"""The oracle's steps: read a text into provisions, apply a parsed 改め文,
compare the result with the expected text provision by provision, and write
the result as RST.

What is compared: the 題名, the 本則 and the law's own 附則 — every provision's
kind, number, 見出し and text. The 附則 e-Gov appends for each amending law
(`SupplProvision AmendLawNum`) belong to those laws: the reader leaves them
out (build_tools/egov.py), so they are neither compared nor amended. The 目次
is not part of the provision tree; its instructions are read but not applied.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import PolicyError
from ..provisions import (ARTICLE, CONTAINER_KINDS, SUPPLEMENTARY, Provision, first_difference,
                          provisions_of)

_SECTION_KINDS = (*CONTAINER_KINDS, ARTICLE, SUPPLEMENTARY, "前文")


def read_provisions(args, spec: str) -> Provision:
    """`spec` (a revision id, RST, source folder, e-Gov XML) read by the one
    reader into its provision tree."""
    from ..read import read
    from ..revisions import Project
    try:
        project = Project.find(args.repo)
    except PolicyError:
        if args.repo is not None:
            raise
        project = None  # files can be amended outside a repository
    return provisions_of(read(project, spec))


def apply_text(parsed, root: Provision, name: str) -> Provision:
    """`parsed`'s operations applied to `root` (left as it is). Every place is
    named as the old text numbers it, through all the sentences, so they are
    applied as one amendment; an error names the sentence it comes from."""
    try:
        from .apply import apply
    except ImportError:  # the applier is its own module, landed on its own
        raise PolicyError("この版には改め文の適用器（build_tools/amend/apply.py）がありません",
                          hint="`policy apply --parse` で読み取りだけを確認してください") from None
    from .operations import Sentence
    sentences = [Sentence(tuple(item.operations)) for item in parsed.instructions]
    try:
        return apply(sentences, root)
    except PolicyError as exc:
        failure = exc
    # Which sentence: the first whose sentences up to it fail in the same way.
    for n, item in enumerate(parsed.instructions, 1):
        try:
            apply(sentences[:n], root)
        except PolicyError as exc:
            raise PolicyError(f"{name}:{item.line}: この指示文を適用できません: {exc.message}\n"
                              f"  指示文: {item.text}", hint=exc.hint) from None
    raise failure


def first_mismatch(result: Provision, expected: Provision) -> str | None:
    """None when `result` equals `expected` provision by provision, else the
    first provision that differs, named, with what differs."""
    if result.heading != expected.heading:
        return f"題名が異なります: 「{result.heading}」（適用結果）／「{expected.heading}」（改正後）"
    found = first_difference(result, expected)
    if found is None:
        return None
    got, want = found
    where = (want or got).address() or (want or got).heading or (want or got).kind
    if got is None:
        return f"{where}: 改正後にある規定が適用結果にありません"
    if want is None:
        return f"{where}: 改正後にない規定が適用結果にあります"
    for field, label in (("kind", "種別"), ("number", "番号"), ("heading", "見出し")):
        if getattr(got, field) != getattr(want, field):
            return f"{where}: {label}が異なります: 「{getattr(got, field)}」（適用結果）／「{getattr(want, field)}」（改正後）"
    for i, (a, b) in enumerate(zip(got.text, want.text)):
        if a != b:
            at = next((n for n, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            return (f"{where}: 本文が異なります（{i + 1}段落目、{at + 1}文字目）:\n"
                    f"    適用結果: …{a[max(0, at - 15):at + 25]}…\n"
                    f"    改正後:   …{b[max(0, at - 15):at + 25]}…")
    return f"{where}: 段落の数が異なります（適用結果 {len(got.text)}、改正後 {len(want.text)}）"


# --- RST ------------------------------------------------------------------------

def rst_of(root: Provision) -> str:
    """The tree as RST in the layout build_tools/egov.py gives a statute (read
    back by the one reader, it gives the same provisions)."""
    from ..egov import _Writer, _escape, _width
    out = _Writer()
    title = root.heading or "（題名なし）"
    bar = "=" * max(_width(title), 4)
    out.lines += [bar, _escape(title), bar, ""]
    for child in root.children:
        _section_or_paragraph(out, child, 1)
    return "\n".join(out.lines).rstrip() + "\n"


def _is_section(node: Provision) -> bool:
    return node.kind in _SECTION_KINDS or node.section is not None


def _section_or_paragraph(out, node: Provision, depth: int) -> None:
    if _is_section(node):
        if node.kind == "前文":
            heading = None
        elif node.kind == ARTICLE:
            heading = node.number + (f"　（{node.heading}）" if node.heading else "")
        elif node.kind == SUPPLEMENTARY:
            heading = "附則" + node.heading
        else:
            heading = "　".join(p for p in (node.number, node.heading) if p)
        if heading is not None:
            out.heading(heading, depth, _label(node))
        for text in node.text:
            out.para(text)
        for child in node.children:
            _section_or_paragraph(out, child, depth + 1)
        return
    texts = list(node.text) or [""]
    first = f"{node.number}　{texts[0]}" if node.number else texts[0]
    out.para(first)
    for text in texts[1:]:
        out.para(text)
    for child in node.children:
        _section_or_paragraph(out, child, depth)


def _label(node: Provision) -> str | None:
    if node.section is not None and node.section.label:
        return node.section.label
    if node.kind == ARTICLE and node.key:
        return "art-" + "_".join(str(k) for k in node.key)
    return None


def write_rst(root: Provision, path: Path) -> None:
    """Written next to the target and moved in place: a failed write leaves
    an earlier output as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(rst_of(root), encoding="utf-8")
    tmp.replace(path)
