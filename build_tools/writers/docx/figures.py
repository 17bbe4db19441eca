"""Figures and images of DocxTranslator: the picture in a Figure paragraph,
sized to the text width, with its caption and legend."""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.utils import get_source_line
from docx.shared import Emu, Inches

from . import ooxml


class FiguresMixin:
    """Images are looked up from source/ first, then next to their document."""

    def visit_figure(self, node):
        self.remember_ids(node)
        self.para_styles.append("Figure")

    def depart_figure(self, node):
        self.para_styles.pop()
        self.para = None

    def visit_image(self, node):
        uri = node.get("uri", "")
        path = self._image_path(node, uri)
        para = self.para if self.para is not None and isinstance(node.parent, nodes.TextElement) \
            else self.new_paragraph("Figure")
        width = self._image_width(node, path)
        try:
            para.add_run().add_picture(str(path), width=width)
        except Exception as exc:  # python-docx raises several types for bad images
            raise self.error(node, f"画像 {uri} を Word に入れられません: {exc}",
                             hint="PNG または JPEG の画像を使ってください") from None
        if node.get("alt"):
            docpr = para._p.findall(".//" + ooxml.qn("wp:docPr"))[-1]
            docpr.set("descr", node["alt"])
        if not isinstance(node.parent, nodes.TextElement):
            self.para = None
        raise nodes.SkipNode

    def _image_path(self, node, uri: str) -> Path:
        candidates = []
        if self.source_dir:
            candidates.append(self.source_dir / uri.lstrip("/"))
        source = get_source_line(node)[0]
        if source:
            candidates.append(Path(source).parent / uri)
        candidates.append(Path(uri))
        for path in candidates:
            if path.is_file():
                return path
        raise self.error(node, f"画像ファイル {uri} が見つかりません",
                         hint="source/ からの相対パスで書いてください")

    def _image_width(self, node, path: Path):
        width = node.get("width", "")
        match = re.fullmatch(r"([\d.]+)\s*(%|px|mm|cm|in)?", str(width))
        if match:
            value, unit = float(match[1]), match[2] or "px"
            factor = {"%": self.text_width / 100, "px": Inches(1) / 96, "mm": 36000,
                      "cm": 360000, "in": Inches(1)}[unit]
            return Emu(min(int(value * factor), self.text_width))
        from docx.image.image import Image
        image = Image.from_file(str(path))
        return Emu(min(image.width, self.text_width))

    def visit_caption(self, node):
        self.new_paragraph("Caption")

    def depart_caption(self, node):
        self.para = None

    def visit_legend(self, node):
        self.para_styles.append("Legend")

    def depart_legend(self, node):
        self.para_styles.pop()
        self.para = None
