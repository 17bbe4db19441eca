"""The 見え消し edition on real laws (tests/corpus/), without a Word client:
Accept All and Reject All done on word/document.xml by the rules of
ECMA-376 §17.13.5 — a removed paragraph mark joins its paragraph to the
next, a removed row goes — must give the text of the new and of the old
law as the Word writer writes them without marks. (The same check through
LibreOffice, on the bundled revisions, is tests/writers/test_redline.py.)

The cases: a law whose chapters were rebuilt (sections moved between
chapters, in both directions: a move out of a chapter and sections moved
in), and paragraphs deleted one after another (their old order kept).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docutils import utils
from lxml import etree

from build_tools.diff import compare_refs
from build_tools.diff.publish import edition_front
from build_tools.diff.redline import redline_doctree
from build_tools.writers.docx import write

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
HISAI = CORPUS / "amendments" / "r7-47-art2-hisai"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
POLICY = {"title": "法令", "city": "", "department": "法規担当"}


def _text(path: Path, action: str | None) -> list[str]:
    """The paragraphs of the body after Accept All / Reject All (None: as is)."""
    gone = {"accept": ("del", "moveFrom"), "reject": ("ins", "moveTo"), None: ()}[action]
    gone = {W + g for g in gone}
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out, pending = [], ""
    for p in root.find(W + "body").iter(W + "p"):
        row = next(p.iterancestors(W + "tr"), None)
        trpr = row.find(W + "trPr") if row is not None else None
        if trpr is not None and any(child.tag in gone for child in trpr):
            continue
        text = "".join(t.text or "" for t in p.iter(W + "t", W + "delText")
                       if not any(a.tag in gone for a in t.iterancestors())
                       and (t.tag == W + "t" or action == "reject"))
        ppr = p.find(W + "pPr")
        mark = ppr.find(W + "rPr") if ppr is not None else None
        if mark is not None and any(child.tag in gone for child in mark):
            pending += text      # the paragraph mark goes: it runs into the next
            continue
        out.append(pending + text)
        pending = ""
    return [t for t in out + [pending] if t.strip()]


def _plain(document, front, path):
    tree = document.doctree.deepcopy()
    tree.reporter = utils.Reporter("test", 5, 5)
    return write(tree, front, path)


@pytest.mark.parametrize("old,new,moves", [
    (HISAI / "old.xml", HISAI / "new.xml", True),
    (HISAI / "new.xml", HISAI / "old.xml", True),     # sections moved into a chapter
    (HISAI / "old.xml", HISAI / "new.xml", False),
], ids=["hisai", "hisai-reversed", "hisai-moves-off"])
def test_accept_and_reject_give_the_two_laws(tmp_path, old, new, moves):
    comparison = compare_refs(None, str(old), str(new))
    front = edition_front(comparison, POLICY, "pair")
    marked = write(redline_doctree(comparison, moves=moves), front, tmp_path / "r.docx",
                   marks="tracked")
    assert _text(marked, "accept") == _text(_plain(comparison.new_document, front,
                                                   tmp_path / "new.docx"), None)
    assert _text(marked, "reject") == _text(_plain(comparison.old_document, front,
                                                   tmp_path / "old.docx"), None)
    xml = zipfile.ZipFile(marked).read("word/document.xml").decode("utf-8")
    assert ("<w:moveFrom " in xml) == moves
    assert "<w:del " in xml and "<w:ins " in xml


OLD_RST = """\
見本の方針
==========

.. _one:

1　節
-----

第一の段落です。

第二の段落は削られます。

第三の段落も削られます。

第四の段落も削られます。

最後の段落です。

- 残る項目です。
- 削られる項目です。
- 削られる二つ目の項目です。
"""

NEW_RST = """\
見本の方針
==========

.. _one:

1　節
-----

第一の段落です。

最後の段落です。

- 残る項目です。
"""


def test_consecutive_deleted_paragraphs_keep_their_order(tmp_path):
    """【見本】 text written for this test: three paragraphs and two list items
    deleted in a row come back in their old order on Reject All."""
    (tmp_path / "old.rst").write_text(OLD_RST, encoding="utf-8")
    (tmp_path / "new.rst").write_text(NEW_RST, encoding="utf-8")
    comparison = compare_refs(None, str(tmp_path / "old.rst"), str(tmp_path / "new.rst"))
    front = edition_front(comparison, POLICY, "pair")
    marked = write(redline_doctree(comparison), front, tmp_path / "r.docx", marks="tracked")
    rejected = _text(marked, "reject")
    assert rejected == _text(_plain(comparison.old_document, front, tmp_path / "old.docx"), None)
    assert rejected.index("第二の段落は削られます。") < rejected.index("第三の段落も削られます。") \
        < rejected.index("第四の段落も削られます。")
