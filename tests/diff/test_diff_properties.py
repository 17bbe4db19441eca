"""Property tests (hypothesis) of the character diff and the whole table."""
from __future__ import annotations

import time

from docutils import nodes
from hypothesis import given, settings, strategies as st

from build_tools.diff import compare, inline, words
from build_tools.diff.settings import Settings
from build_tools.nodes import COMPARISON_NOTE as NOTE
from build_tools.nodes import deleted, inserted
from build_tools.read import read_path

JA = st.text(alphabet="市民行政連携公共施設計画アイウエオカキクケコあいうえおのをにはが0123456789、。「」 ",
             max_size=80)


@given(JA, JA)
def test_both_texts_recoverable_from_the_pieces(old, new):
    pieces = inline.diff(old, new)
    assert inline.old_text(pieces) == old
    assert inline.new_text(pieces) == new


# Texts made of real words (and legal units) that share characters, so that a
# character diff would cut them: 事業者／事業計画, 又は／または, 第九十九条の十三／十四.
WORDS = ["市民", "事業者", "事業計画", "公共施設", "公民連携", "又は", "または", "若しくは",
         "もしくは", "及び", "第九十九条の十三", "第九十九条の十四", "500円", "3か月",
         "平成24年2月", "令和5年4月", "を", "の", "が", "は", "定める", "定めた", "、", "。"]
TEXT = st.lists(st.sampled_from(WORDS), max_size=14).map("".join)


@settings(max_examples=150, deadline=None)
@given(TEXT, TEXT)
def test_a_change_never_starts_or_ends_inside_a_word(old, new):
    """Every edge of a change is a word boundary of both texts (whole words:
    words.py)."""
    pieces = inline.diff(old, new)
    whole = {"old": words.boundaries(old, 0, len(old)), "new": words.boundaries(new, 0, len(new))}
    at = {"old": 0, "new": 0}
    for before, after in zip(pieces, pieces[1:]):
        for side in ("old", "new"):
            at[side] += len(getattr(before, side))
        if inline.CHANGE not in (before.op, after.op):
            continue
        for side in ("old", "new"):
            assert at[side] in whole[side], (pieces, side, at[side])


@given(JA)
def test_identical_text_is_one_equal_piece(text):
    assert all(p.op == inline.EQUAL for p in inline.diff(text, text))


def test_result_does_not_depend_on_a_timeout(monkeypatch):
    """A slow machine (the clock jumping ahead) must not change the diff:
    diff-match-patch's default 1 s timeout would silently give up."""
    old = "".join(f"第{i}条 市は公共施設等の整備に当たり民間の資金を活用する。" for i in range(300))
    new = old.replace("民間の資金", "民間の資金及びノウハウ").replace("第17条", "第17条の2")
    expected = inline.diff(old, new)
    clock = iter(range(0, 10**9, 1000))
    monkeypatch.setattr(time, "time", lambda: next(clock))
    assert inline.diff(old, new) == expected
    assert sum(p.op == inline.CHANGE for p in expected) == 301


# --- whole documents ----------------------------------------------------------

WORD = st.text(alphabet="市民行政連携公共施設計画アイウカキあいうのをに0123、", min_size=1, max_size=30)
SECTION = st.tuples(st.sampled_from(["alpha", "beta", "gamma", "delta", "eps"]),
                    WORD, st.lists(WORD, min_size=1, max_size=3))


def parse_rst(text: str, name: str):
    """`text` through the one reader, as a draft file would be."""
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        return read_path(path)


def _rst(sections) -> str:
    out = ["=====\n題名\n=====\n"]
    seen = set()
    for label, title, paras in sections:
        if label in seen:
            continue
        seen.add(label)
        head = f"{len(seen)}　{title}"
        out.append(f".. _{label}:\n\n{head}\n{'-' * (len(head) * 2)}\n")
        out += [p + "\n" for p in paras]
    return "\n".join(out)


def _texts_of(sections) -> list[str]:
    """Headings and paragraphs of the sections `_rst` writes, in order."""
    texts, seen = [], set()
    for label, title, paras in sections:
        if label in seen:
            continue
        seen.add(label)
        texts += [f"{len(seen)}　{title}", *paras]
    return texts


def _column_text(doc, column, mark):
    """The text of one column, notes left out, paragraphs in order."""
    texts = []
    for row in next(iter(doc.findall(nodes.tbody))).children:
        for par in row.children[column].findall(nodes.paragraph):
            if NOTE in par["classes"]:
                continue
            texts.append("".join(c.astext() for c in par.children
                                 if not (isinstance(c, nodes.inline) and NOTE in c["classes"])))
    return texts


@settings(max_examples=40, deadline=None)
@given(st.lists(SECTION, min_size=1, max_size=4), st.lists(SECTION, min_size=1, max_size=4))
def test_both_documents_recoverable_from_the_full_table(old_sections, new_sections):
    old, new = parse_rst(_rst(old_sections), "old.rst"), parse_rst(_rst(new_sections), "new.rst")
    cmp = compare(old, new, Settings(full=True))
    doc = cmp.doctree()
    new_units = [u for r in cmp.rows if r.new for u in [r.new]]
    old_units = [u for r in cmp.rows if r.old for u in [r.old]]
    if cmp.is_empty:
        return
    # Expected texts come from the generated input, not from the comparison:
    # the new column follows the new text; the old column may list a moved
    # section out of its old order, so it is compared as a multiset.
    assert _column_text(doc, 0, inserted) == _texts_of(new_sections)
    assert sorted(_column_text(doc, 1, deleted)) == sorted(_texts_of(old_sections))
    # every section of each side appears exactly once
    assert sorted(u.index for u in new_units) == list(range(len(cmp.new_units)))
    assert sorted(u.index for u in old_units) == list(range(len(cmp.old_units)))


@settings(max_examples=25, deadline=None)
@given(st.lists(SECTION, min_size=1, max_size=4))
def test_identical_documents_give_an_empty_table(sections):
    text = _rst(sections)
    cmp = compare(parse_rst(text, "a.rst"), parse_rst(text, "b.rst"))
    assert cmp.is_empty
    assert not list(cmp.doctree().findall(nodes.table))
