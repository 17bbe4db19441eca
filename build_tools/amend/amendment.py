"""An amendment: the generated 改め文 of two documents, proven by applying it.

`amendment(old_doc, new_doc, settings)` → Amendment: its sentences, the house
style, and whether it is a 全部改正 (the change too large to amend in parts,
by `Settings.whole_threshold`). It always applies what it generated to the old
text and refuses — a PolicyError naming the provision — unless the result is
the new text provision by provision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import PolicyError
from ..provisions import Provision, first_difference, provisions_of
from .apply import apply
from .generate import Generator
from .operations import Sentence
from .pairs import pair
from .render import HOREI, REIKI, REIKI_FULL, STYLES, Style
from .sentences import merged_scopes, sentences
from .toc import contents_sentence


@dataclass(frozen=True)
class Settings:
    whole_threshold: float = 0.5   # share of top sections without a partner above which it is a 全部改正
    style: str = ""                # 法令, 例規, 例規(全角), 例規(半角); "" takes it from the document


@dataclass
class Amendment:
    old: Provision
    new: Provision
    style: Style
    sentences: list[Sentence] = field(default_factory=list)
    whole: bool = False
    share: float = 0.0             # top sections of the old text with no partner (0–1)
    pairs: dict = field(default_factory=dict)   # id(old provision) -> new provision

    @property
    def operations(self):
        return [op for s in self.sentences for op in s.operations]


def style_of(root: Provision, name: str = "") -> Style:
    """The house style `name` (法令, 例規, 例規(全角), 例規(半角)) or, without it, the
    document's own: 法令 where its 条・章 are numbered in 漢数字; else 例規, whose
    digits take the width most of the document's own numbers use (「第１条」「２」
    full, 「第1条」「2の(1)」 half)."""
    if name in STYLES and name != "例規":
        return STYLES[name]
    numbers = [p.number for p in root.walk() if p.number]
    kanji = sum(1 for n in numbers if re.match(r"第[〇一二三四五六七八九十百千]", n))
    arabic = sum(1 for n in numbers if re.match(r"第[0-9０-９]", n))
    if not name and root.statute and kanji >= arabic:
        return HOREI
    full = sum(1 for n in numbers if re.search(r"[０-９]", n))
    half = sum(1 for n in numbers if re.search(r"[0-9]", n))
    return REIKI_FULL if full > half else REIKI


def amendment(old_doc, new_doc, settings: Settings | None = None) -> Amendment:
    settings = settings or Settings()
    old, new = provisions_of(old_doc), provisions_of(new_doc)
    pairs = pair(old_doc, new_doc, old, new)
    share = _unpaired_share(old, new, pairs)
    result = Amendment(old, new, style_of(new, settings.style), share=share, pairs=pairs)
    if share > settings.whole_threshold:
        result.whole = True
        return result
    result.sentences = sentences(Generator(old, new, pairs).run())
    contents = contents_sentence(old_doc, new_doc)
    if contents is not None:            # front to back: the 目次 before the 本則
        result.sentences.insert(0, contents)
    verify(result)
    merged = merged_scopes(result.sentences, old)
    if merged != result.sentences and apply_equals(merged, old, new):
        result.sentences = merged
    return result


def apply_equals(found, old: Provision, new: Provision) -> bool:
    try:
        return first_difference(apply(found, old), new) is None
    except PolicyError:
        return False


def verify(result: Amendment) -> None:
    """Apply the sentences to the old tree: it must give the new one."""
    applied = apply(result.sentences, result.old)
    found = first_difference(applied, result.new)
    if found is not None:
        got, want = found
        where = (want or got).address() or (want or got).heading
        raise PolicyError(f"生成した改め文を改正前の本文に適用した結果が、改正後の本文と「{where}」で一致しません",
                          hint="改め文は出力していません。この差異を開発者に報告してください")


def _unpaired_share(old: Provision, new: Provision, pairs) -> float:
    """The share of the old text's top sections (章, or 条 where there are no
    章; a policy's numbered headings) with no partner in the new text: the
    structure was rebuilt when it is large."""
    top = [c for c in old.children if c.section is not None and c.kind not in ("前文", "附則")]
    if not top:
        return 0.0
    return sum(1 for c in top if id(c) not in pairs) / len(top)
