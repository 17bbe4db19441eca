"""The e-Gov importer as the one reader uses it: both forms e-Gov publishes,
what it keeps of a provision, and untrusted files refused clearly."""
from __future__ import annotations


import pytest

from build_tools.diff import compare_refs
from build_tools.diff.publish import front_matter
from build_tools.diff.body import _omitted
from build_tools.document import Block
from build_tools.egov import CORPUS, describe, to_rst
from build_tools.errors import PolicyError
from build_tools.writers import render

AMENDMENTS = CORPUS.parent / "amendments"
P5 = sorted((CORPUS / "p5_denki_jigyo_multi").glob("*.xml"))


def test_an_items_term_keeps_its_space_before_the_definition():
    """A 号's term and its definition are two columns in the XML."""
    rst = to_rst(P5[0])
    assert "一　小売供給　一般の需要に応じ電気を供給することをいう。" in rst
    assert "小売供給一般の需要" not in rst


def test_the_law_api_response_form_reads_like_the_standard_form():
    """法令API Version 2 wraps <Law> in <law_data_response>…<law_full_text>."""
    old = AMENDMENTS / "r3-37-art58-tokuso" / "old.xml"
    assert old.read_text(encoding="utf-8").startswith("<law_data_response>")
    rst = to_rst(old)
    assert "大規模な災害の被災地における借地借家に関する特別措置法" in rst
    assert "第七条" in rst


def test_amending_laws_supplementary_provisions_are_left_out_by_default():
    new = AMENDMENTS / "r3-37-art58-tokuso" / "new.xml"
    assert "令和三年法律第三十七号" in new.read_text(encoding="utf-8")
    amending = ".. _suppl-令和三年五月一九日法律第三七号:"   # AmendLawNum as e-Gov writes it
    assert amending not in to_rst(new)
    assert amending in to_rst(new, amending_suppl=True)
    assert ".. _suppl-original:" in to_rst(new)  # the law's own 附則 stays


def test_a_statute_is_named_by_its_title_and_date_never_by_a_path(capsys):
    old, new = (AMENDMENTS / "r3-37-art58-tokuso" / n for n in ("old.xml", "new.xml"))
    title, description = describe(new)
    assert description == f"{title}（令和4年5月18日施行）"
    comparison = compare_refs(None, str(old), str(new))
    front = front_matter(comparison, policy={"title": "", "city": "", "department": ""})
    for text in (front.title, front.subtitle, render(comparison.doctree(), front, "text")):
        assert str(AMENDMENTS) not in text and "old.xml" not in text
    assert front.title == f"新旧対照表（{title}）"


def test_omitted_paragraphs_keep_provision_kinds_apart():
    blocks = [Block(t) for t in ("本文", "２　a", "３　b", "一　c", "二　d", "三　e", "イ　f", "４　g")]
    assert _omitted(blocks, "略") == ["略", "２及び３　略", "一から三まで　略", "イ　略", "４　略"]


@pytest.mark.parametrize("content, expected", [
    ("<html><body>not a law</body></html>", "e-Gov の法令XMLではありません（ルート要素 <html>）"),
    ("<Law><LawBody>", "法令XMLとして読めません"),
    ('<!DOCTYPE Law [<!ENTITY a "aaaa">]><Law><LawBody/></Law>', "実体宣言"),
])
def test_a_file_that_is_not_a_law_is_a_clear_error(tmp_path, content, expected):
    path = tmp_path / "not-a-law.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PolicyError, match=expected.replace("(", r"\(").replace(")", r"\)")) as info:
        to_rst(path)
    assert info.value.file == str(path)
