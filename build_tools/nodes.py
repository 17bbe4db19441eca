"""Our few doctree nodes and classes, beside docutils' own (DESIGN.md: one
document model).

A writer renders them; nothing here knows about a format. The class names
below carry meaning between the builders of documents and the writers, so
they are spelled once, here.
"""
from __future__ import annotations

from docutils import nodes


class inserted(nodes.Inline, nodes.TextElement):
    """Text the new revision adds or changes (新旧対照表: underlined in the new column)."""


class deleted(nodes.Inline, nodes.TextElement):
    """Text the old revision had that the new one drops or changes (underlined in the old column)."""


ALL = (inserted, deleted)

# A passage the project wrote (`.. container:: reconstructed`), and the label
# every edition shows at its start so it cannot read as the city's wording.
RECONSTRUCTED = "reconstructed"
PROVENANCE_LABEL = "provenance-label"
RECONSTRUCTED_LABEL = "【再構成】この部分は本プロジェクトが作成した文章で、市の公表文ではありません。"
RECONSTRUCTED_MARK = "【再構成】"     # its short form, in a 新旧対照表 cell

# The 新旧対照表: the table, a heading inside a cell, text that is neither
# revision's (（新設）, 「略」), and a moved or renumbered heading number
# (double underline).
COMPARISON_TABLE = "comparison-table"
COMPARISON_HEADING = "comparison-heading"
COMPARISON_NOTE = "comparison-note"
COMPARISON_CONTEXT = "comparison-context"   # the heading of a section a row's section sits in
# A table inside a section, compared as a table in each column; its rows
# added or deleted as a whole.
COMPARISON_CELL_TABLE = "comparison-cell-table"
ROW_ADDED, ROW_DELETED = "comparison-row-added", "comparison-row-deleted"
MOVED = "moved"

# The amending document (改め文): an instruction sentence, and a line of a
# provision it adds or rewrites in full.
AMENDMENT_INSTRUCTION = "amendment-instruction"
AMENDMENT_PROVISION = "amendment-provision"

# A box in the preview after a block that breaks a rule of 公用文 (policy lint).
LINT_FINDINGS = "lint-findings"

# A table read as cards on a narrow screen: each body row one card, each
# cell under its column's heading (the HTML writer repeats the heading in
# each cell, hidden from screen readers, which have the header cells).
STACKED_TABLE = "stacked-table"
CELL_LABEL = "cell-label"

# A note that is not part of the policy's text (an omitted figure, say): it is
# shown in the editions but never compared in a 新旧対照表.
EDITORIAL_NOTE = "editorial-note"
FIGURE_OMITTED = "figure-omitted"
# Classes whose elements are not text of the policy (document.py skips them).
NOT_POLICY_TEXT = (PROVENANCE_LABEL, EDITORIAL_NOTE)

# A table whose rows are data (the public-comment result's opinions): the
# CSV writer publishes these as open data.
DATA_TABLE = "data-table"
# A table the data formats alone publish: the open-data view of a table whose
# printed form differs (one column per fact, a row for what is only counted).
DATA_ONLY = "data-only"

# The 見え消し edition (a revision's edition with the changes since another):
# a block with one of these classes is wholly inserted, deleted, or the
# source or destination of a move (the attribute MOVE_NAME pairs the two
# sides); inside a changed paragraph, `inserted` and `deleted` mark words.
REVISION_CLASSES = {"revision-inserted": "ins", "revision-deleted": "del",
                    "revision-moved-from": "moveFrom", "revision-moved-to": "moveTo"}
REVISION_INSERTED, REVISION_DELETED, REVISION_MOVED_FROM, REVISION_MOVED_TO = REVISION_CLASSES
MOVE_NAME = "revision_move"
