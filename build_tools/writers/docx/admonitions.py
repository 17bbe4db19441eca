"""Admonitions, topics and sidebars of DocxTranslator: a title paragraph
and boxed paragraphs (the box is the Admonition style's border)."""
from __future__ import annotations

from docutils import nodes

ADMONITION_TITLES = {
    "note": "注記", "tip": "ヒント", "hint": "ヒント", "important": "重要",
    "warning": "警告", "caution": "注意", "attention": "注意", "danger": "危険",
    "error": "エラー", "seealso": "参照",
}


class AdmonitionsMixin:
    """One pair of handlers for every admonition-like node."""

    def _admonition(self, node):
        self.remember_ids(node)
        name = node.tagname
        if name in ADMONITION_TITLES:
            self.new_paragraph("Admonition Title")
            self.add_text(ADMONITION_TITLES[name])
            self.para = None
        self.para_styles.append("Admonition")

    def _admonition_end(self, node):
        self.para_styles.pop()
        self.para = None
        # Word draws one box around adjacent paragraphs with the same border:
        # an empty paragraph keeps two boxes apart.
        following = node.next_node(
            lambda n: not isinstance(n, (nodes.system_message, nodes.comment, nodes.target)),
            descend=False, siblings=True)
        if isinstance(following, (nodes.Admonition, nodes.topic, nodes.sidebar)):
            self.new_paragraph("Normal")
            self.para = None

    for _name in list(ADMONITION_TITLES) + ["admonition", "topic", "sidebar"]:
        locals()[f"visit_{_name}"] = _admonition
        locals()[f"depart_{_name}"] = _admonition_end
    del _name
