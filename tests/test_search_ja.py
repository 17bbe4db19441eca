"""The Japanese search splitter (index side); the browser side is tested in
tests/browser/test_search.py."""
from build_tools.search_ja import SearchJapaneseBigram, split


def test_japanese_runs_become_overlapping_bigrams():
    assert split("役割分担") == ["役割", "割分", "分担"]
    assert split("新しい公共") == ["新し", "しい", "い公", "公共"]


def test_a_query_is_split_like_the_sentence_that_contains_it():
    sentence = split("公民の役割分担の最適化を通じて")
    query = split("役割分担")
    assert all(term in sentence for term in query)


def test_punctuation_separates_and_latin_words_stay_whole():
    assert split("市民、NPO及び事業者") == ["市民", "npo", "及び", "び事", "事業", "業者"]
    assert split("ＰＦＩ法") == ["pfi", "法"]


def test_a_wrapped_line_does_not_break_a_word():
    assert split("公民\n連携") == split("公民連携")


def test_a_lone_kanji_is_kept_but_a_lone_letter_is_not():
    lang = SearchJapaneseBigram({})
    assert lang.word_filter("市") and not lang.word_filter("a")


def test_the_katakana_middle_dot_separates_words():
    assert split("連携・協働") == ["連携", "協働"]
