"""The 新旧対照表 of the bundled policy: H24→H29 (the 11-chapter restructure)
and H29→R5."""
from __future__ import annotations

from docutils import nodes

from build_tools.diff.settings import Settings
from build_tools.nodes import deleted, inserted


def _table(doctree):
    return next(iter(doctree.findall(nodes.table)))


def _header(doctree):
    thead = next(iter(_table(doctree).findall(nodes.thead)))
    return [e.astext() for e in thead.findall(nodes.entry)]


def _row(doctree, anchor):
    for row in _table(doctree).findall(nodes.row):
        if anchor in row["ids"]:
            return row
    raise AssertionError(f"no row {anchor}")


def _marks(entry, cls):
    return [n.astext() for n in entry.findall(cls)]


def test_h24_h29_restructure_is_marked_as_moves(revision_comparison):
    cmp = revision_comparison("H24", "H29")
    kinds = {(r.old_label, r.new_label): r.kind for r in cmp.rows}
    # H24's chapters 1-3 became subsections of 「2 公民連携推進の理念」
    for label in ("definition", "purpose", "necessity"):
        assert kinds[(label, label)] == "moved"
    assert kinds[("intent", "intent")] == "renumbered"       # 5. → 1
    # 「4.現状と背景」 went whole into 「4 本市の状況 (1) 現状と背景」
    assert kinds[("background", "background-needs")] == "moved"
    assert kinds[(None, "background")] == "added"
    assert not [r for r in cmp.rows if r.kind == "deleted"]
    assert not cmp.is_empty


def test_h24_h29_table_layout(revision_comparison):
    doc = revision_comparison("H24", "H29").doctree()
    text = doc.astext()
    assert "新旧対照表" in text and "（傍線部分は改正部分）" in text
    assert "改正後：平成29年1月改訂" in text
    assert "改正前：平成24年2月策定" in text
    assert "本プロジェクトによる再構成" in text      # H29's text is not the city's
    assert _header(doc) == ["改正後", "改正前"]
    # new text left, old right: inserted only on the left, deleted only on the right
    for row in next(iter(_table(doc).findall(nodes.tbody))).children:
        left, right = row.children
        assert not list(left.findall(deleted)) and not list(right.findall(inserted))
    row = _row(doc, "cmp-definition")
    left, right = row.children
    # the moved heading's number is double-underlined on both sides
    assert [n.astext() for n in left.findall(inserted) if "moved" in n["classes"]] == ["(1)"]
    assert [n.astext() for n in right.findall(deleted) if "moved" in n["classes"]] == ["1."]
    # changed words underlined on both sides, as whole words
    # (the inserted 及び with the word before it, so the old column marks the place)
    assert "事業者及び" in _marks(left, inserted)
    assert "事業者" in _marks(right, deleted)
    # 「全部または一部」→「全部又は一部」: the conjunction whole, 全部 left alone
    assert "又は" in _marks(left, inserted) and "または" in _marks(right, deleted)
    # an added chapter: whole text underlined, （新設） in the old column
    left, right = _row(doc, "cmp-philosophy").children
    assert right.astext() == "（新設）"
    # the unchanged body of a moved section is not repeated
    left, right = _row(doc, "cmp-purpose").children
    assert left.astext().endswith("略") and right.astext().endswith("略")


def test_h29_r5_changes_and_deletions(revision_comparison):
    cmp = revision_comparison("H29", "R5")
    kinds = {(r.old_label, r.new_label): r.kind for r in cmp.rows}
    assert kinds[("definition", "definition")] == "changed"
    assert kinds[("history", None)] == "deleted"
    assert kinds[(None, "dialogue")] == "added"
    doc = cmp.doctree()
    left, right = _row(doc, "cmp-definition").children
    new_marks, old_marks = _marks(left, inserted), _marks(right, deleted)
    assert any("持続可能なまちの実現" in t for t in new_marks)
    assert any("市と民間が相互に連携して" in t for t in old_marks)
    # unchanged rows are left out
    anchors = [r["ids"][0] for r in _table(doc).findall(nodes.row) if r["ids"]]
    assert "cmp-organization" not in anchors
    left, right = _row(doc, "cmp-history").children
    assert left.astext() == "（削る）"
    assert _marks(right, deleted)[0].startswith("(2)")


def test_settings_change_the_layout(revision_comparison):
    cmp = revision_comparison("H29", "R5")
    doc = cmp.doctree(Settings(new_column="right", show_added_deleted_notes=False,
                               show_underline_note=False, draft=True))
    assert _header(doc) == ["現行", "改正案"]
    assert "（傍線部分は改正部分）" not in doc.astext()
    left, right = _row(doc, "cmp-history").children
    assert right.astext() == "" and _marks(left, deleted)
    full = cmp.doctree(Settings(full=True))
    assert "cmp-organization" in [r["ids"][0] for r in _table(full).findall(nodes.row) if r["ids"]]
    assert "略" not in [p.astext() for p in full.findall(nodes.paragraph)]


def test_identical_revisions_give_an_empty_table(revision_comparison):
    cmp = revision_comparison("R5", "R5")
    assert cmp.is_empty
    assert "差異はありません" in cmp.doctree().astext()


def test_the_title_names_revisions_by_date_not_by_id(revision_comparison):
    from build_tools.diff.publish import page_title
    assert page_title(revision_comparison("H24", "H29")) == "新旧対照表（平成29年1月改訂・平成24年2月策定）"
