"""How a paragraph's heading level and number are decided, on small
styles.xml and numbering.xml parts written as Word writes them."""
from __future__ import annotations

from lxml import etree

from build_tools.wordimport.numbering import Numbering
from build_tools.wordimport.styles import StyleMap, Styles

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def xml(text):
    return etree.fromstring(text.encode())


STYLES = xml(f"""<w:styles {W}>
  <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
    <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="x1"><w:name w:val="条見出し"/><w:basedOn w:val="1"/></w:style>
  <w:style w:type="paragraph" w:styleId="3"><w:name w:val="見出し 3"/><w:basedOn w:val="a"/></w:style>
  <w:style w:type="paragraph" w:styleId="body"><w:name w:val="本文見出し"/><w:basedOn w:val="a"/></w:style>
  <w:style w:type="paragraph" w:styleId="toc"><w:name w:val="toc 1"/></w:style>
  <w:style w:type="numbering" w:styleId="ls"><w:name w:val="章番号"/>
    <w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
</w:styles>""")


def test_heading_level_order():
    styles = Styles(STYLES, StyleMap({"本文見出し": 2}, set()))
    assert styles.heading_level("1", None) == 1          # the style's outline level
    assert styles.heading_level("x1", None) == 1         # … following basedOn
    assert styles.heading_level("3", None) == 3          # a 見出し N name, no outline level
    assert styles.heading_level("body", None) == 2       # only the style map names it
    assert styles.heading_level("1", 9) == 0             # the paragraph's own level wins: body
    assert styles.heading_level(None, 1) == 2
    assert styles.heading_level(None, None) == 0         # the default style: body
    assert styles.is_skipped("toc") and not styles.is_skipped("1")
    assert Styles(STYLES).heading_level("body", None) == 0


def lvl(i, fmt, text, extra=""):
    return (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


NUMBERING = xml(f"""<w:numbering {W}>
  <w:abstractNum w:abstractNumId="0">
    {lvl(0, "decimal", "第%1章")}{lvl(1, "decimal", "%1.%2", "<w:isLgl/>")}
    {lvl(2, "aiueoFullWidth", "(%3)", '<w:lvlRestart w:val="1"/>')}
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ls"/></w:abstractNum>
  <w:abstractNum w:abstractNumId="2">{lvl(0, "japaneseCounting", "第%1", '<w:pStyle w:val="1"/>')}
    {lvl(1, "decimalEnclosedCircle", "%2")}</w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="0"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>""")


def test_numbers_count_as_word_counts_them():
    numbering = Numbering(NUMBERING, Styles(STYLES))
    shown = [numbering.number(num, ilvl, None).text for num, ilvl in [
        ("1", 0), ("1", 1), ("1", 2), ("1", 2), ("1", 1), ("1", 2),
        ("2", 0),              # another num of the same list continues it
        ("2", 2),              # lvlRestart 1: level 3 restarts only after level 1
        ("3", 0), ("3", 1),    # a startOverride restarts the list at 第5章
    ]]
    assert shown == ["第1章", "1.1", "(ア)", "(イ)", "1.2", "(ウ)", "第2章", "(ア)", "第5章", "5.1"]
    assert numbering.number("0", 0, None) is None       # numId 0: numbering removed


def test_numbering_through_a_numbering_style_and_a_linked_paragraph_style():
    numbering = Numbering(NUMBERING, Styles(STYLES))
    # num 4 → abstractNum 1 → numbering style ls → num 5 → abstractNum 2
    assert numbering.number("4", 0, None).text == "第一"
    assert numbering.number("4", 1, None).text == "①"
    # No ilvl in the paragraph: the level whose w:pStyle is the paragraph's style.
    assert numbering.number("5", None, "1").text == "第二"
