"""A generated quote never holds one bracket of a pair (「場合（」, 「「」): it
is widened over the whole bracketed unit, with the other changes inside it."""
from __future__ import annotations

from tests.amend.test_moves import amended


def test_a_bracket_removed_with_its_partner_is_quoted_with_all_it_encloses(tmp_path):
    old = [("総則", ["市長は、災害が発生した場合（市内に限る。）において、計画を定める。"])]
    new = [("総則", ["市長は、災害が発生した場合であって市内に限るときにおいて、計画を定める。"])]
    assert amended(tmp_path, old, new) == ["第一条中「（市内に限る。）」を「であって市内に限るとき」に改める。"]


def test_words_added_before_a_quoted_term_take_the_whole_term(tmp_path):
    old = [("総則", ["市長は、計画（「基本計画」という。）を定める。"])]
    new = [("総則", ["市長は、計画（以下「基本計画」という。）を定める。"])]
    assert amended(tmp_path, old, new) == ["第一条中「「基本計画」」を「以下「基本計画」」に改める。"]
