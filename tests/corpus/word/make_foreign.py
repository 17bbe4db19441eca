"""Make foreign.docx: a Word document this project's writer did not write,
from the description in README.md (every feature a city's own Word file
has and our editions do not: typed heading numbers, numbering linked to a
heading style, numbering removed by numId 0, an aiueo list restarted by a
startOverride, full-width indentation, a footnote, a caption and a table
with merged cells, a style based on 見出し 1, a style only a style map can
name). The XML is written part by part, as Word lays it out; the text is a
【見本】 nobody published.

    python tests/corpus/word/make_foreign.py tests/corpus/word/foreign.docx

foreign-libreoffice.docx is that file opened in LibreOffice and saved as
Word again (see README.md).
"""
from __future__ import annotations

import sys
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def p(text, style=None, num=None, extra=""):
    ppr = ""
    if style or num:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        if num is not None:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>{extra}</w:p>'


def cell(text, width, props=""):
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{props}</w:tcPr>'
            f'{p(text, "TableText")}</w:tc>')


def row(cells, header=False):
    trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


NOTE_REF = ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            '<w:footnoteReference w:id="1"/></w:r><w:r><w:t>。</w:t></w:r>')

BODY = "".join([
    p("【見本】みどりの基本方針", "Title"),
    p("この文書は Word 文書の取り込みを試すために本プロジェクトが作成した見本で、どの市の文書でもありません。"),
    p("第1　総則", "Heading1"),
    p("\u3000この方針は、市のみどりの保全と創出に関する基本的な考え方を定めるものです。"),
    p("目的", "Heading2"),
    p("\u3000\u3000みどり豊かな住みよいまちをつくることを目的とします。"),
    p("定義", "Heading2"),
    p("この方針において、次の用語の意味は、それぞれ次に定めるところによります。"),
    p("みどり　樹林地、草地、水辺地等が単独で、又は一体となって形成する良好な自然環境をいいます。",
      "ListParagraph", (20, 0)),
    p("緑化　樹木等を植栽し、みどりを創出することをいいます。", "ListParagraph", (20, 0)),
    p("市民等　市民、事業者及び市民活動団体をいいます。", "ListParagraph", (20, 0)),
    p("第2　推進の方策", "Heading1"),
    # A Heading 2 whose style numbering is switched off by numId 0: number typed.
    p("1　緑地の保全", "Heading2", (0, 0)),
    '<w:p><w:r><w:t>市は、特別緑地保全地区の指定を進めます</w:t></w:r>' + NOTE_REF + '</w:p>',
    p("保全の取組は、次のとおりです。"),
    p("樹林地の公有地化", "ListBullet", (30, 0)),
    p("所有者との協定", "ListBullet", (30, 1)),
    p("市民等による管理活動の支援", "ListBullet", (30, 0)),
    p("2　緑化の推進", "Heading2", (0, 0)),
    p("表1　緑化の目標", "Caption"),
    '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="8500" w:type="dxa"/></w:tblPr>'
    '<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="3500"/><w:gridCol w:w="3000"/></w:tblGrid>'
    + row([cell("区分", 2000), cell("指標", 3500), cell("目標", 3000)], header=True)
    + row([cell("公共施設", 2000, '<w:vMerge w:val="restart"/>'), cell("屋上緑化", 3500),
           cell("10か所", 3000)])
    + row([cell("", 2000, "<w:vMerge/>"), cell("壁面緑化", 3500), cell("5か所", 3000)])
    + row([cell("民有地", 2000), cell("助成制度により推進", 6500, '<w:gridSpan w:val="2"/>')])
    + "</w:tbl>",
    p("第3　推進体制", "ChapterHeading"),
    p("(1)　庁内の体制", "SubHeading"),
    p("関係部局で構成する会議を設け、次のとおり運営します。"),
    p("年1回以上開催します。", "ListParagraph", (21, 0)),
    p("結果を公表します。", "ListParagraph", (21, 0)),
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1985" w:right="1701" w:bottom="1701" w:left="1701" w:header="851" w:footer="992" w:gutter="0"/>'
    '</w:sectPr>',
])

DOCUMENT = (HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{BODY}</w:body></w:document>')


def style(sid, name, based="Normal", ppr="", kind="paragraph"):
    based_el = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>{based_el}'
            f'<w:qFormat/>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}</w:style>')


STYLES = (HEAD + f'<w:styles xmlns:w="{W_NS}">'
          '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="IPAex明朝"/><w:lang w:eastAsia="ja-JP"/>'
          '</w:rPr></w:rPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
          + style("Title", "Title")
          + style("Heading1", "heading 1", ppr='<w:keepNext/><w:outlineLvl w:val="0"/>')
          + style("Heading2", "heading 2",
                  ppr='<w:keepNext/><w:numPr><w:numId w:val="10"/></w:numPr><w:outlineLvl w:val="1"/>')
          + style("ChapterHeading", "章見出し", based="Heading1")
          + style("SubHeading", "小見出し")
          + style("ListParagraph", "List Paragraph", ppr='<w:ind w:left="840"/>')
          + style("ListBullet", "List Bullet")
          + style("Caption", "caption", ppr='<w:jc w:val="center"/>')
          + style("TableText", "表本文")
          + style("FootnoteText", "footnote text")
          + style("FootnoteReference", "footnote reference", based="", kind="character")
          + '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
          '</w:styles>')


def lvl(ilvl, fmt, text, start=1, suff=None, pstyle=None, ind=None):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:pStyle w:val="{pstyle}"/>' if pstyle else "")
            + (f'<w:suff w:val="{suff}"/>' if suff else "")
            + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            + (f'<w:pPr><w:ind w:left="{ind}" w:hanging="420"/></w:pPr>' if ind else "")
            + "</w:lvl>")


NUMBERING = (HEAD + f'<w:numbering xmlns:w="{W_NS}">'
             # Style-linked heading numbers: （１）, （２） for 見出し 2.
             '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>'
             + lvl(0, "decimalFullWidth", "（%1）", pstyle="Heading2") + '</w:abstractNum>'
             # An aiueo list: ア　イ　ウ, the number followed by a space.
             '<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>'
             + lvl(0, "aiueoFullWidth", "%1", suff="space", ind=840)
             + lvl(1, "decimalEnclosedCircle", "%2", ind=1260) + '</w:abstractNum>'
             '<w:abstractNum w:abstractNumId="3"><w:multiLevelType w:val="hybridMultilevel"/>'
             + lvl(0, "bullet", "・", ind=420) + lvl(1, "bullet", "○", ind=840) + '</w:abstractNum>'
             '<w:num w:numId="10"><w:abstractNumId w:val="1"/></w:num>'
             '<w:num w:numId="20"><w:abstractNumId w:val="2"/></w:num>'
             # The same list definition restarted: ア again.
             '<w:num w:numId="21"><w:abstractNumId w:val="2"/>'
             '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
             '<w:num w:numId="30"><w:abstractNumId w:val="3"/></w:num>'
             '</w:numbering>')

FOOTNOTES = (HEAD + f'<w:footnotes xmlns:w="{W_NS}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
             '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
             '<w:r><w:t xml:space="preserve"> 都市緑地法に基づき指定する地区をいいます。</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')

CONTENT_TYPES = (HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
                 '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
                 '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
                 '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                 '</Types>')

PACKAGE_RELS = (HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                '</Relationships>')

DOCUMENT_RELS = (HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 f'<Relationship Id="rId1" Type="{R_NS}/styles" Target="styles.xml"/>'
                 f'<Relationship Id="rId2" Type="{R_NS}/numbering" Target="numbering.xml"/>'
                 f'<Relationship Id="rId3" Type="{R_NS}/footnotes" Target="footnotes.xml"/>'
                 '</Relationships>')

CORE = (HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>【見本】みどりの基本方針</dc:title>'
        '<dc:creator>本プロジェクト（見本）</dc:creator></cp:coreProperties>')


def main(out: str) -> None:
    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS,
             "word/document.xml": DOCUMENT, "word/_rels/document.xml.rels": DOCUMENT_RELS,
             "word/styles.xml": STYLES, "word/numbering.xml": NUMBERING,
             "word/footnotes.xml": FOOTNOTES, "docProps/core.xml": CORE}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv[1])
