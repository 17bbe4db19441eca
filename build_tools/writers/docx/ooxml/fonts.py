"""Fonts and run properties (w:rFonts, w:lang, w:u) for the template, and
the fonts a finished .docx names, for the archive's MANIFEST."""
from __future__ import annotations

import re
import zipfile

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(rpr, font: str) -> None:
    """One font for every script of a run properties element (w:rPr), so
    neither the theme nor Word's East Asian fallback replaces it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def strip_theme_fonts(element) -> int:
    """Remove theme font references under `element`; return how many."""
    count = 0
    for fonts in element.iter(qn("w:rFonts")):
        for attr in THEME_FONT_ATTRS:
            if fonts.attrib.pop(qn(attr), None) is not None:
                count += 1
    return count


def set_language(rpr, latin: str = "en-US", east_asian: str = "ja-JP") -> None:
    """w:val is the language of Latin-script text, w:eastAsia that of kana and
    kanji: a Latin word tagged ja-JP is broken anywhere (「Partne/rship」), so
    Latin text gets a Latin language and Japanese text ja-JP."""
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), latin)
    el.set(qn("w:eastAsia"), east_asian)
    el.set(qn("w:bidi"), "ar-SA")


def doc_defaults_rpr(styles_element):
    return styles_element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))


def style_rpr(style) -> object:
    return style.element.get_or_add_rPr()


def set_underline(rpr, kind: str) -> None:
    """kind: "single" or "double" (新旧対照表: 傍線 / 二重傍線)."""
    el = rpr.find(qn("w:u"))
    if el is None:
        el = OxmlElement("w:u")
        rpr.append(el)
    el.set(qn("w:val"), kind)


def font_names(path) -> set[str]:
    """The fonts a .docx's runs and styles name (w:rFonts), for the archive's
    MANIFEST."""
    names = set()
    with zipfile.ZipFile(path) as docx:
        for part in ("word/document.xml", "word/styles.xml"):
            if part in docx.namelist():
                xml = docx.read(part).decode("utf-8", "replace")
                for element in re.findall(r"<w:rFonts\b[^>]*>", xml):
                    names.update(re.findall(r'w:(?:ascii|eastAsia|hAnsi|cs)="([^"]+)"', element))
    names.discard("")
    return names
