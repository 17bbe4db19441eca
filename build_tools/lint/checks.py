"""The check of each rule (rule id -> function(ctx) -> hits), in the order
their findings are listed when two fall on the same character."""
from __future__ import annotations

from . import grammar_rules as g
from . import number_rules as n
from . import text_rules as t
from .headings import midashi

CHECKS = {
    "KY-TOUTEN": t.touten,
    "KY-HANKAKU-KUTOTEN": t.hankaku_kutoten,
    "KY-SETSUZOKU-KANJI": t.setsuzoku_kanji,
    "KY-SETSUZOKU-KANA": t.setsuzoku_kana,
    "KY-SETSUZOKU-KAISO": t.setsuzoku_kaiso,
    "KY-HOJO-DOSHI": g.hojo_doshi,
    "KY-KEISHIKI-MEISHI": g.keishiki_meishi,
    "KY-TOKI": g.toki,
    "KY-MONO": g.mono,
    "KY-SUJI-SANYO": n.suji_sanyo,
    "KY-SUJI-HABA": n.suji_haba,
    "KY-SUJI-KANMA": n.suji_kanma,
    "KY-KASHO": t.kasho,
    "KY-MIDASHI": midashi,
    "KY-JOYO": t.joyo,
    "KY-OKURIGANA": g.okurigana,
    "KY-BUNTAI": g.buntai,
    "KY-KAKKO": t.kakko,
}
