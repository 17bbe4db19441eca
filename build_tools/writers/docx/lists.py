"""Lists of DocxTranslator: bullet and enumerated lists (a fresh Word
numbering instance each, so every list counts from its own start),
definition lists and field lists."""
from __future__ import annotations

from . import ooxml
from .base import pass_node
from .styles import BULLET_NUMBERING, ENUMERATED_NUMBERING, LIST_LEVELS

# docutils enumtype → Word w:numFmt
NUM_FORMATS = {"arabic": "decimal", "loweralpha": "lowerLetter", "upperalpha": "upperLetter",
               "lowerroman": "lowerRoman", "upperroman": "upperRoman"}


class ListsMixin:
    """`self.lists` is the stack of open lists; an item's first paragraph
    carries the number, the rest continue in List Continue styles."""

    def _start_list(self, node, *, bullet: bool):
        level = len(self.lists)
        if level >= 9:
            raise self.error(node, "箇条書きの入れ子が深すぎます（9段まで）")
        if bullet:
            num_id = ooxml.new_list_instance(self.numbering, BULLET_NUMBERING)
            style = "List Bullet"
        else:
            fmt = NUM_FORMATS.get(node.get("enumtype", "arabic"), "decimal")
            text = f"{node.get('prefix', '')}%{level + 1}{node.get('suffix', '.')}"
            num_id = ooxml.new_list_instance(self.numbering, ENUMERATED_NUMBERING, level=level,
                                             num_format=fmt, text=text,
                                             start=int(node.get("start", 1)))
            style = "List Number"
        self.lists.append({"num_id": num_id, "level": level, "style": style, "first": False})
        self.remember_ids(node)

    def visit_bullet_list(self, node):
        self._start_list(node, bullet=True)

    def visit_enumerated_list(self, node):
        self._start_list(node, bullet=False)

    def depart_bullet_list(self, node):
        self.lists.pop()
        self.para = None

    depart_enumerated_list = depart_bullet_list

    def visit_list_item(self, node):
        current = self.lists[-1]
        current["first"] = True
        level = min(current["level"] + 1, LIST_LEVELS)
        self.para_styles.append("List Continue" if level == 1 else f"List Continue {level}")
        self.remember_ids(node)

    def depart_list_item(self, node):
        current = self.lists[-1]
        if current["first"]:       # an empty item still shows its bullet
            current["first"] = False
            self.new_paragraph(current["style"])
            ooxml.set_numbering(self.para, current["num_id"], current["level"])
        self.para_styles.pop()
        self.para = None

    def visit_definition_list(self, node):
        self.remember_ids(node)

    def depart_definition_list(self, node):
        pass

    visit_definition_list_item = depart_definition_list_item = pass_node

    def visit_term(self, node):
        self.new_paragraph("Definition Term")
        self.remember_ids(node)

    def depart_term(self, node):
        pass    # a classifier that follows joins the term's paragraph

    def visit_classifier(self, node):
        self.add_text("：")
        self.inline.append("Emphasis")

    def depart_classifier(self, node):
        self.inline.remove("Emphasis")

    def visit_definition(self, node):
        self.para = None
        self.para_styles.append("Definition")

    def depart_definition(self, node):
        self.para_styles.pop()
        self.para = None

    def visit_field_list(self, node):
        self.remember_ids(node)

    def depart_field_list(self, node):
        pass

    visit_field = depart_field = pass_node

    def visit_field_name(self, node):
        self.new_paragraph("Field Name")

    def depart_field_name(self, node):
        self.para = None

    def visit_field_body(self, node):
        self.para_styles.append("Definition")

    def depart_field_body(self, node):
        self.para_styles.pop()
        self.para = None

    def visit_option_list(self, node):
        raise self.error(node, "オプション一覧（option_list）は Word に書き出せません",
                         hint="定義リストで書いてください")
