"""Header cells get a scope in every HTML writer that mixes TableHeaderScope in."""
from docutils.core import publish_string
from docutils.writers import html5_polyglot

from build_tools.writers.html import TableHeaderScope

TABLE = """
.. list-table:: 見本の表
   :header-rows: 1
   :stub-columns: 1

   * - 事業手法
     - 概要
   * - 指定管理者制度
     - 公の施設の管理
"""


class _Writer(html5_polyglot.Writer):
    def __init__(self):
        super().__init__()
        self.translator_class = type("T", (TableHeaderScope, html5_polyglot.HTMLTranslator), {})


def test_header_row_cells_are_column_headers_and_stubs_row_headers():
    html = publish_string(TABLE, writer=_Writer(),
                          settings_overrides={"output_encoding": "unicode",
                                              "_disable_config": True})
    assert html.count('scope="col"') == 2
    assert html.count('scope="row"') == 1
    assert "<th class" not in html
