"""Japanese full-text search for the web edition: character bigrams on both sides.

Sphinx indexes Japanese with a statistical word splitter (TinySegmenter), but
its search page splits the reader's query only at spaces and punctuation, so
「公民連携」 typed without spaces is looked up as one word that the index never
holds (it holds 「公民」「連携」, or 「公民連携推進」, depending on context).

Here the index and the query are split by the same rule, the one full-text
engines use for CJK text (e.g. Lucene's CJKAnalyzer): every run of Japanese
characters becomes its overlapping two-character pieces (「役割分担」 →
「役割」「割分」「分担」), and a lone character stands for itself; the
index also holds each character alone, for one-character queries. Sphinx's
search requires every piece of the query on a page, so a page matches when it
contains all the pieces. Latin words and numbers are kept whole, lower-cased.
Both sides apply NFKC first, so full-width 「ＰＦＩ」 finds 「PFI」.

`SPLIT_JS` is the same rule in JavaScript; tests check that the two agree.
"""
from __future__ import annotations

import re
import unicodedata

from sphinx.search.ja import SearchJapanese

# Hiragana, katakana (with ー), CJK ideographs (incl. extension A, B+ and the
# compatibility block), 々 and 〆. Must match CJK_CLASS in SPLIT_JS.
_CJK = ("\u3005\u3006\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
        "\uf900-\ufaff\U00020000-\U0003134f")
# Word runs first (punctuation such as 「・」 separates), then each run cut
# into its Japanese and other parts: SPLIT_JS does the same two steps.
_WORD = re.compile(r"\w+")
_PART = re.compile(rf"[{_CJK}]+|[^{_CJK}]+")
# A line break inside a Japanese sentence (wrapped RST source) is not a gap.
_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_IS_CJK = re.compile(rf"[{_CJK}]")

# Bump when the rule changes: it is part of Sphinx's config hash, so every
# page is re-indexed instead of keeping entries split by the old rule.
SPLITTER_VERSION = "bigram-3"


def split(text: str) -> list[str]:
    """The search terms of `text`, in order (duplicates kept)."""
    text = _WRAP.sub("", unicodedata.normalize("NFKC", text))
    terms: list[str] = []
    for run in (part for word in _WORD.findall(text) for part in _PART.findall(word)):
        if _IS_CJK.match(run):
            terms.extend([run] if len(run) == 1 else
                         [run[i:i + 2] for i in range(len(run) - 1)])
        else:
            terms.append(run.lower())
    return terms


def index_terms(text: str) -> list[str]:
    """The index side: the query's terms, and every Japanese character on its
    own as well, so that a one-character query (「市」) finds each page that
    has the character (a longer query is still looked up by its bigrams)."""
    terms = split(text)
    return terms + [ch for ch in unicodedata.normalize("NFKC", text) if _IS_CJK.match(ch)]


# The query side, installed as Sphinx's `splitQuery` (searchtools.js uses a
# global splitQuery when one is defined). No '<', '&' or quotes in here: the
# code is pasted into language_data.js by a template.
SPLIT_JS = r"""
/* Japanese search: split the query into character bigrams, exactly as the
   index was split (build_tools/search_ja.py). */
const CJK_CLASS = "\u3005\u3006\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}";
// Word runs (as Python's \\w+), then each cut into Japanese and other parts.
// No `v` flag: older Safari and Node 18 lack it.
const WORD_RE = /[\p{L}\p{N}_]+/gu;
const PART_RE = new RegExp("[" + CJK_CLASS + "]+|[^" + CJK_CLASS + "]+", "gu");
const IS_CJK_RE = new RegExp("^[" + CJK_CLASS + "]", "u");
var splitQuery = (query) => {
  const terms = [];
  const runs = (query.normalize("NFKC").match(WORD_RE) || []).flatMap((w) => w.match(PART_RE));
  for (const run of runs) {
    if (!IS_CJK_RE.test(run)) { terms.push(run.toLowerCase()); continue; }
    const chars = Array.from(run);
    if (chars.length === 1) { terms.push(run); continue; }
    for (let i = 0; i + 1 !== chars.length; i++) terms.push(chars[i] + chars[i + 1]);
  }
  return terms;
};
window.splitQuery = splitQuery;
"""


class SearchJapaneseBigram(SearchJapanese):
    """Sphinx's Japanese search language with the bigram rule on both sides."""

    js_splitter_code = SPLIT_JS

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__({k: v for k, v in options.items() if k != "type"})

    def split(self, input: str) -> list[str]:
        return index_terms(input)

    def word_filter(self, stemmed_word: str) -> bool:
        # A lone kanji is a word (「市」「県」); a lone Latin letter is noise.
        return len(stemmed_word) > 1 or bool(_IS_CJK.match(stemmed_word))
