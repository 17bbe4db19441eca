"""Raw WordprocessingML where python-docx has no API.

This package is the only place in the DOCX writer that builds Word XML by
hand (DESIGN.md §4); being a package makes that rule a folder boundary: raw
XML belongs under docx/ooxml/, nowhere else. Everything here is format
plumbing, one module per topic: fonts, paragraphs (w:pPr), tables, fields
(and bookmarks, hyperlinks), numbering, footnotes, revisions, sections, package (the
reproducible zip). Nothing here chooses how the document looks: styles come
from templates/reference.docx by name.

The names are re-exported here so callers keep writing `ooxml.hyperlink(...)`
and `from build_tools.writers.docx.ooxml import font_names` (archive.py).
"""
from __future__ import annotations

from docx.oxml.ns import qn

from .fields import (add_bookmark, add_simple_field, begin_field, end_field, hyperlink, link_run,
                     move_bookmark_end_last, page_break_run)
from .fonts import (THEME_FONT_ATTRS, doc_defaults_rpr, font_names, set_fonts, set_language,
                    set_underline, strip_theme_fonts, style_rpr)
from .footnotes import (FOOTNOTES_XML, append_paragraph, footnote_mark_run,
                        footnote_reference_run, footnotes_part, new_footnote)
from .numbering import (abstract_num_by_name, abstract_num_xml, new_list_instance,
                        replace_abstract_nums, set_numbering)
from .package import ZIP_EPOCH_MIN, drop_package_parts, pretty_xml, read_part, reproducible_zip
from .paragraphs import (add_tab_stop_right_dots, insert_ppr_child, keep_with_next,
                         remove_paragraph_border,
                         set_indent_chars, set_paragraph_border, set_shading)
from .revisions import Changes, number_ids
from .sections import clear_body, move_footer_references, restart_page_numbers
from .tables import (cell_vmerge, row_flags, table_header_shading, table_look_first_row,
                     table_style_borders, table_width_pct)

__all__ = [
    "qn",
    # fields, bookmarks, links
    "add_bookmark", "add_simple_field", "begin_field", "end_field", "hyperlink", "link_run",
    "move_bookmark_end_last", "page_break_run",
    # fonts and run properties
    "THEME_FONT_ATTRS", "doc_defaults_rpr", "font_names", "set_fonts", "set_language",
    "set_underline", "strip_theme_fonts", "style_rpr",
    # footnotes
    "FOOTNOTES_XML", "append_paragraph", "footnote_mark_run", "footnote_reference_run",
    "footnotes_part", "new_footnote",
    # numbering
    "abstract_num_by_name", "abstract_num_xml", "new_list_instance", "replace_abstract_nums",
    "set_numbering",
    # package
    "ZIP_EPOCH_MIN", "drop_package_parts", "pretty_xml", "read_part", "reproducible_zip",
    # paragraph properties
    "add_tab_stop_right_dots", "insert_ppr_child", "keep_with_next", "remove_paragraph_border", "set_indent_chars",
    "set_paragraph_border", "set_shading",
    # revisions (見え消し) and the one id counter
    "Changes", "number_ids",
    # sections and body
    "clear_body", "move_footer_references", "restart_page_numbers",
    # tables
    "cell_vmerge", "row_flags", "table_header_shading", "table_look_first_row",
    "table_style_borders", "table_width_pct",
]
