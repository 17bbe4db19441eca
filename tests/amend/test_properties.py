"""Property test: random edits to a generated law — words changed, 項・号・条
inserted, deleted, moved, 章・節 inserted and removed — and our 改め文 of the change, applied to the old
law, always gives the edited one."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from build_tools.amend.apply import apply, copy_tree
from build_tools.amend.generate import Generator
from build_tools.amend.pairs import pair
from build_tools.amend.operations import Sentence
from build_tools.amend.sentences import sentences
from build_tools.provisions import Provision, first_difference, kanji_numeral

# Words that repeat across provisions, so that quotes must be widened or
# their scope narrowed to hit only what changed.
WORDS = ["市長", "は", "事業者", "事業", "計画", "を", "定める", "の", "に", "、", "第二条",
         "前項", "又は", "及び", "報告", "しなければならない", "ことができる", "500円"]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(lambda w: "".join(w) + "。")


def build(chapters) -> Provision:
    """A law from [(章名 or None, [(節名 or None, [article …]) …]) …], each article
    [[項 text, [号 text …]] …], numbered as a law is: articles through the law,
    節 within their 章. A 章名 None is a law without 章 (its articles at the top),
    a 節名 None a 章 without 節."""
    root = Provision("文書", "", (), "見本法", statute=True)
    a = 0
    for c, (chapter_title, sections) in enumerate(chapters, 1):
        chapter = root if chapter_title is None else root.add(
            Provision("章", f"第{kanji_numeral(c)}章", (c,), chapter_title, statute=True))
        for s, (section_title, articles) in enumerate(sections, 1):
            holder = chapter if section_title is None else chapter.add(
                Provision("節", f"第{kanji_numeral(s)}節", (s,), section_title, statute=True))
            for paragraphs in articles:
                a += 1
                _article(holder, a, paragraphs)
    return root


def _article(holder: Provision, a: int, paragraphs) -> None:
    article = holder.add(Provision("条", f"第{kanji_numeral(a)}条", (a,), "", statute=True))
    for p, (text, items) in enumerate(paragraphs, 1):
        number = "" if p == 1 else chr(0xFF10 + p) if p < 10 else str(p)
        par = article.add(Provision("項", number, (p,), "", [text], family="arabic", statute=True))
        for i, item in enumerate(items, 1):
            par.add(Provision("号", kanji_numeral(i), (i,), "", [item], family="kanji", statute=True))


PARAGRAPH = st.tuples(SENTENCE, st.lists(SENTENCE, max_size=3))
ARTICLES = st.lists(st.lists(PARAGRAPH, min_size=1, max_size=3), min_size=1, max_size=3)
TITLES = st.sampled_from(["総則", "計画", "計画の策定", "評価", "雑則", "罰則"])
# A law without 章, or 章 each holding articles or 節.
LAW = st.one_of(
    st.lists(st.lists(PARAGRAPH, min_size=1, max_size=3), min_size=1, max_size=5)
    .map(lambda arts: [(None, [(None, arts)])]),
    st.lists(st.tuples(TITLES, st.one_of(ARTICLES.map(lambda arts: [(None, arts)]),
                                         st.lists(st.tuples(TITLES, ARTICLES), min_size=1, max_size=3))),
             min_size=1, max_size=3))


@st.composite
def edited(draw):
    law = draw(LAW)
    new = [(title, [(s, [[(t, list(items)) for t, items in article] for article in articles])
                    for s, articles in sections]) for title, sections in law]
    chaptered = new[0][0] is not None
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["words", "paragraph+", "paragraph-", "item+", "item-",
                                     "article+", "article-", "move"]
                                    + ["chapter+", "chapter-", "section+", "section-"] * chaptered))
        c = draw(st.integers(0, len(new) - 1))
        sections = new[c][1]
        s = draw(st.integers(0, len(sections) - 1))
        articles = sections[s][1]
        if not articles:
            continue
        a = draw(st.integers(0, len(articles) - 1))
        article = articles[a]
        p = draw(st.integers(0, len(article) - 1))
        if kind == "words":
            text = article[p][0]
            cut = draw(st.integers(0, len(text) - 1))
            article[p] = (text[:cut] + draw(st.sampled_from(WORDS)) + text[cut + 1:], article[p][1])
        elif kind == "paragraph+":
            article.insert(draw(st.integers(0, len(article))), (draw(SENTENCE), []))
        elif kind == "paragraph-" and len(article) > 1:
            del article[p]
        elif kind == "item+":
            items = article[p][1]
            items.insert(draw(st.integers(0, len(items))), draw(SENTENCE))
        elif kind == "item-" and article[p][1]:
            del article[p][1][draw(st.integers(0, len(article[p][1]) - 1))]
        elif kind == "article+":
            articles.insert(draw(st.integers(0, len(articles))), [(draw(SENTENCE), [])])
        elif kind == "article-" and len(articles) > 1:
            del articles[a]
        elif kind == "move" and len(article) > 1:
            article.insert(draw(st.integers(0, len(article) - 1)), article.pop(p))
        elif kind == "chapter+":
            new.insert(draw(st.integers(0, len(new))), (draw(TITLES), [(None, [[(draw(SENTENCE), [])]])]))
        elif kind == "chapter-" and len(new) > 1:
            del new[c]
        elif kind == "section+" and sections[0][0] is not None:
            sections.insert(draw(st.integers(0, len(sections))), (draw(TITLES), [[(draw(SENTENCE), [])]]))
        elif kind == "section-" and sections[0][0] is not None and len(sections) > 1:
            del sections[s]
    return build(law), build(new)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_our_amendment_applied_gives_the_edited_law(laws):
    old, new = laws
    pristine = copy_tree(old)
    events = Generator(old, new, pair(None, None, old, new)).run()
    result = apply(sentences(events), old)
    assert first_difference(result, new) is None
    assert first_difference(old, pristine) is None     # the old law is left as it was


def _as_text(events) -> str:
    """Our 改め文 as `policy amend -f text` lays it out (publish.lines)."""
    from build_tools.amend.operations import Add, Rewrite
    from build_tools.amend.publish import INDENT, provision_lines
    from build_tools.amend.render import HOREI, render
    lines = ["見本法（令和元年法律第一号）の一部を次のように改正する。"]
    for sentence in sentences(events):
        lines.append(INDENT + render(sentence.operations, HOREI))
        for op in sentence.operations:
            if isinstance(op, (Add, Rewrite)):
                for block in op.provisions:
                    lines += provision_lines(block)
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_our_amendment_as_text_read_back_gives_the_edited_law(laws):
    """The text a reviewer reads is the amendment: printed, parsed again and
    applied, it too gives the edited law."""
    from build_tools.amend.parse import parse
    from build_tools.errors import PolicyError
    old, new = laws
    events = Generator(old, new, pair(None, None, old, new)).run()
    text = _as_text(events)
    parsed = parse(text)
    assert not parsed.errors, (text, [i.error for i in parsed.errors])
    try:
        result = apply([Sentence(tuple(i.operations)) for i in parsed.instructions], old)
    except PolicyError as exc:
        raise AssertionError(f"{exc}\n{text}") from None
    assert first_difference(result, new) is None, text
