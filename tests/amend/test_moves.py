"""章・節 renumbered, added, removed and renamed, as 法制執務 writes it: the
章 moves as a sentence of its own (「第三章を第四章とし、第二章の次に次の一章を
加える。」), the articles inside it first, named in their 章 (「第三章中第四条を
第五条とする。」), 「第二章中第二節を第三節とし」, three or more 章 as a range —
each generated from two versions of a law, applied back to NEW, printed as text
and read back by the parser to NEW again."""
from __future__ import annotations

import unicodedata

import pytest

from build_tools.amend.amendment import amendment
from build_tools.amend.apply import apply
from build_tools.amend.oracle import apply_text, first_mismatch
from build_tools.amend.parse import parse
from build_tools.amend.publish import lines
from build_tools.amend.render import render
from build_tools.provisions import first_difference, kanji_numeral
from build_tools.read import read


def _article(number: int, text: str, numeral=kanji_numeral) -> str:
    title = f"第{numeral(number)}条"
    if "：" in text:               # 「第一条の二：…」: a branch-numbered article
        title, text = text.split("：")
    paragraphs = ""
    for p, t in enumerate(text.split("／"), 1):   # 「…。／…。」: two 項, the second numbered
        mark = "" if p == 1 else chr(0xFF10 + p) if numeral is kanji_numeral else numeral(p)
        paragraphs += (f'<Paragraph Num="{p}"><ParagraphNum>{mark}</ParagraphNum><ParagraphSentence>'
                       f"<Sentence>{t}</Sentence></ParagraphSentence></Paragraph>")
    return f'<Article Num="{number}"><ArticleTitle>{title}</ArticleTitle>{paragraphs}</Article>'


def law_xml(chapters, numeral=kanji_numeral) -> str:
    """A law of [(章名, [article text | (節名, [article text …])])], numbered through
    (in 漢数字, or as `numeral` writes a number)."""
    body, n = [], 0

    def articles(texts):
        nonlocal n
        out = []
        for text in texts:
            n += "：" not in text
            out.append(_article(n, text, numeral))
        return "".join(out)

    for c, (title, items) in enumerate(chapters, 1):
        inner = []
        for s, item in enumerate((i for i in items if isinstance(i, tuple)), 1):
            inner.append(f'<Section Num="{s}"><SectionTitle>第{numeral(s)}節　{item[0]}'
                         f"</SectionTitle>{articles(item[1])}</Section>")
        inner.insert(0, articles([i for i in items if isinstance(i, str)]))
        body.append(f'<Chapter Num="{c}"><ChapterTitle>第{numeral(c)}章　{title}</ChapterTitle>'
                    f'{"".join(inner)}</Chapter>')
    return ('<Law Era="Reiwa" Lang="ja" LawType="Act" Num="001" Year="01"><LawNum>令和元年法律第一号'
            "</LawNum><LawBody><LawTitle>見本法</LawTitle><MainProvision>" + "".join(body)
            + "</MainProvision></LawBody></Law>")


def amended(tmp_path, old, new, numeral=kanji_numeral, settings=None) -> list[str]:
    """Our sentences for OLD → NEW, after proving them twice: applied as
    operations, and printed as text, read back and applied."""
    paths = []
    for name, chapters in (("old", old), ("new", new)):
        paths.append(tmp_path / f"{name}.xml")
        paths[-1].write_text(law_xml(chapters, numeral), encoding="utf-8")
    old_doc, new_doc = read(None, str(paths[0])), read(None, str(paths[1]))
    result = amendment(old_doc, new_doc, settings)
    assert first_difference(apply(result.sentences, result.old), result.new) is None
    text = "\n".join(t for _, t in lines(result, old_doc, new_doc))
    parsed = parse(text)
    assert not parsed.errors, parsed.errors[0].error
    assert first_mismatch(apply_text(parsed, result.old, "test"), result.new) is None
    sentences = [render(s.operations, result.style) for s in result.sentences]
    assert [i.text for i in parsed.instructions] == sentences
    assert [render(i.operations, i.style) for i in parsed.instructions] == sentences
    return sentences


GENERAL = ("総則", ["この法律は、計画の策定について定める。", "市長は、計画を定める。"])
PLAN = ("計画", ["計画は、公表する。"])
PENALTY = ("罰則", ["違反した者は、過料に処する。"])


def test_a_chapter_inserted_in_the_middle_renumbers_the_later_one_from_the_back(tmp_path):
    council = ("審議会", ["審議会を置く。"])
    assert amended(tmp_path, [GENERAL, PLAN, PENALTY], [GENERAL, PLAN, council, PENALTY]) == [
        "第三章中第四条を第五条とする。",
        "第三章を第四章とし、第二章の次に次の一章を加える。"]


def test_a_removed_chapter_and_the_ones_after_it_moved_up(tmp_path):
    evaluation = ("評価", ["評価は、毎年行う。"])
    assert amended(tmp_path, [GENERAL, PLAN, evaluation, PENALTY], [GENERAL, evaluation, PENALTY]) == [
        "第二章を削る。",
        "第三章中第四条を第三条とする。",
        "第三章を第二章とする。",
        "第四章中第五条を第四条とする。",
        "第四章を第三章とする。"]


def test_a_section_inserted_in_a_chapter(tmp_path):
    making, publishing = ("策定", ["計画は、策定する。"]), ("公表", ["計画は、公表する。"])
    old = [GENERAL, ("計画", [making, publishing]), PENALTY]
    new = [GENERAL, ("計画", [making, ("評価", ["計画は、評価する。"]), publishing]), PENALTY]
    assert amended(tmp_path, old, new) == [
        "第三章中第五条を第六条とする。",
        "第二章第二節中第四条を第五条とする。",
        "第二章中第二節を第三節とし、第一節の次に次の一節を加える。"]


def test_three_chapters_moved_alike_are_one_range(tmp_path):
    # The new articles take branch numbers, so only the 章 move; the last said alone, the
    # two before it as a pair (「及び」: 「から…まで」 is for three or more).
    rest = [("評価", ["評価は、毎年行う。"]), ("雑則", ["規則で定める。"]), PENALTY]
    new = [GENERAL, PLAN, ("審議会", ["第三条の二：審議会を置く。"]), *rest]
    assert amended(tmp_path, [GENERAL, PLAN, *rest], new) == [
        "第五章を第六章とし、第三章及び第四章を一章ずつ繰り下げ、第二章の次に次の一章を加える。"]


def test_a_chapter_title_changed_in_words_or_whole(tmp_path):
    plan = ("市の基本的な計画の策定及び公表", PLAN[1])
    assert amended(tmp_path, [GENERAL, plan], [GENERAL, ("市の基本的な計画の策定及び評価", PLAN[1])]) == [
        "第二章の章名中「公表」を「評価」に改める。"]
    assert amended(tmp_path, [GENERAL, PLAN], [GENERAL, ("審議会の組織", PLAN[1])]) == [
        "第二章の章名を次のように改める。"]


@pytest.mark.parametrize("sentence", [
    "第５章中第４６条を第４５条とし、第４７条から第５２条までを１条ずつ繰り上げる。",
    "第１１章第３節中第２３１条を第２３２条とし、第２３０条を第２３１条とする。",
    "第四十二条第二項中「前章」を「第三章」に改め、第四章中同条を第四十条とする。",
    "第四章から第六章までを一章ずつ繰り下げる。",
    "第二章の章名を「総則等」に改める。",
    "第二章第三節の節名中「総則」を「通則」に改める。",
])
def test_moved_chapters_read_and_written_back_alike(sentence):
    parsed = parse(sentence)
    assert not parsed.errors, parsed.errors[0].error
    style = "法令" if parsed.instructions[0].style == "法令" else "例規"
    assert unicodedata.normalize("NFKC", render(parsed.operations, style)) == \
        unicodedata.normalize("NFKC", sentence)


def test_a_section_moved_inside_its_chapter_is_read_in_either_wording():
    body = "\n　　　第四節　評価\n　第十条　計画は、評価する。"
    inside = parse("第二章中第三節を第四節とし、第二節の次に次の一節を加える。" + body)
    spelt_out = parse("第二章第三節を同章第四節とし、同章第二節の次に次の一節を加える。" + body)
    assert not inside.errors and not spelt_out.errors
    assert inside.operations == spelt_out.operations
    assert inside.operations[0].target.path == (("章", (2,)), ("節", (3,)))
    assert render(spelt_out.operations) == "第二章中第三節を第四節とし、第二節の次に次の一節を加える。"
    added = parse("第一章中第五節の次に次の一節を加える。" + body)     # CONVENTIONS §1's wording
    assert render(added.operations) == "第一章中第五節の次に次の一節を加える。"


def test_a_chapter_replaced_by_a_new_one_of_its_number_is_rewritten(tmp_path):
    rest = [("評価", ["評価は、毎年行う。"]), ("雑則", ["規則で定める。"]), PENALTY]
    council = ("審議会", ["審議会を置く。委員は十人以内とする。"])
    assert amended(tmp_path, [GENERAL, PLAN, *rest], [GENERAL, council, *rest]) == [
        "第二章を次のように改める。"]
