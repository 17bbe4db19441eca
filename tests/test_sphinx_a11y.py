"""Header cells get a scope in the one HTML translator: the class Sphinx uses
for the web edition (installed by sphinx_a11y.setup) renders the single
pages and the print HTML too."""
from docutils.core import publish_doctree

from build_tools.writers.html import TRANSLATOR_MIXINS, render_fragment, renderer

TABLE = """
.. list-table:: 見本の表
   :header-rows: 1
   :stub-columns: 1

   * - 事業手法
     - 概要
   * - 指定管理者制度
     - 公の施設の管理

(1) 一つ目
(2) 二つ目
"""


def test_header_row_cells_are_column_headers_and_stubs_row_headers():
    html = render_fragment(publish_doctree(TABLE, settings_overrides={"_disable_config": True}))
    assert html.count('scope="col"') == 2
    assert html.count('scope="row"') == 1
    assert "<th class" not in html
    # 公用文 numbering is kept for the stylesheets: (1), (2)
    assert 'data-prefix="(" data-suffix=")"' in html


def test_single_pages_use_the_translator_sphinx_uses_for_the_edition():
    builder = renderer()
    translator = builder.get_translator_class()
    assert translator.__name__ == "PolicyHTML5Translator"
    assert all(issubclass(translator, mixin) for mixin in TRANSLATOR_MIXINS)


def test_single_pages_are_rendered_by_the_same_class_without_an_application():
    """render_fragment makes simple documents without a Sphinx application,
    with the very class the application installs (one translator, not two)."""
    from sphinx.writers.html5 import HTML5Translator

    from build_tools.writers.html import translator_class
    assert renderer().get_translator_class() is translator_class(HTML5Translator)
