"""Rules that need to know the words: 補助動詞, 形式名詞, とき／時, もの／物,
送り仮名 of compound nouns, the 文体. They use Sudachi's analysis, the one
the comparison loads (build_tools/diff/words.py), and only on blocks where a
regular expression has found a candidate first."""
from __future__ import annotations

import re

from .hit import Hit
from .text_rules import sentences

# 補助動詞 after て／で, by dictionary form: 資料を提出して下さい → してください;
# 資料を下さい (a verb of its own) stays.
_AUXILIARY = {"下さる", "行く", "来る", "見る", "置く", "頂く", "戴く", "居る", "仕舞う",
              "貰う", "上げる"}
_AUX_CANDIDATE = re.compile(r"[てで][下行来見置頂戴居仕貰上]")


def _hiragana(katakana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in katakana)


def _kana_form(morpheme) -> str:
    """The morpheme in hiragana (its reading, keeping its kana ending)."""
    return _hiragana(morpheme.reading_form())


def hojo_doshi(ctx):
    for block in ctx.prose():
        if not _AUX_CANDIDATE.search(block.text):
            continue
        tokens = ctx.tokens(block)
        for (_, _, before), (start, end, word) in zip(tokens, tokens[1:]):
            if before.surface() not in ("て", "で") or word.part_of_speech()[0] != "動詞":
                continue
            if word.dictionary_form() in _AUXILIARY and re.search(r"[一-龯]", word.surface()):
                good = _kana_form(word)
                yield Hit("KY-HOJO-DOSHI", block, start, end, good, good)


# 形式名詞 written in kana, by what comes before them.
_FORMAL = {"事": "こと", "通り": "とおり", "為": "ため", "訳": "わけ", "所": "ところ", "外": "ほか"}
# Candidates: the noun alone (not 事業, 所有, 以外) after kana (する事, その外).
_FORMAL_CANDIDATE = re.compile(r"(?<=[ぁ-ん])(?:事|通り|為|訳|所|外)(?![一-龯])")
_DEMONSTRATIVE = {"この", "その", "あの", "どの", "こういう", "そういう"}


def _attributive(morpheme) -> bool:
    """A verb, adjective or auxiliary in its 連体形 (する事, した所, 必要な為)."""
    pos = morpheme.part_of_speech()
    return pos[0] in ("動詞", "形容詞", "助動詞") and pos[5].startswith("連体形")


def keishiki_meishi(ctx):
    for block in ctx.prose():
        if not _FORMAL_CANDIDATE.search(block.text):
            continue
        tokens = ctx.tokens(block)
        for (_, _, before), (start, end, word) in zip(tokens, tokens[1:]):
            surface = word.surface()
            if surface not in _FORMAL or word.part_of_speech()[0] != "名詞":
                continue
            after_no = before.surface() == "の" and surface in ("通り", "為")
            if surface == "所" and not (_attributive(before) and before.surface() in ("た", "だ")):
                continue
            if surface == "外" and before.surface() not in _DEMONSTRATIVE:
                continue
            if _attributive(before) or before.surface() in _DEMONSTRATIVE or after_no:
                yield Hit("KY-KEISHIKI-MEISHI", block, start, end, _FORMAL[surface],
                          _FORMAL[surface])


def toki(ctx):
    """時 after a 連体形 or の and before は・には: a condition is とき
    (「提出した時に」 is a point in time and stays)."""
    for block in ctx.prose():
        if not re.search(r"(?<=[ぁ-ん])時(?=は|には)", block.text):
            continue
        tokens = ctx.tokens(block)
        for (_, _, before), (start, end, word), (_, _, after) in zip(tokens, tokens[1:],
                                                                     tokens[2:]):
            if word.surface() != "時" or word.part_of_speech()[0] != "名詞":
                continue
            if (_attributive(before) or before.surface() == "の") and \
                    after.surface() in ("は", "に") and block.text.startswith(("は", "には"), end) \
                    and not _time_word(before):
                yield Hit("KY-TOKI", block, start, end,
                          "条件なら「とき」（時点・時刻なら「時」のまま）")


def _time_word(morpheme) -> bool:
    return morpheme.surface() in ("同", "当", "その")


def mono(ctx):
    """物 after a 連体形: 「もの」 unless a thing that has a shape."""
    for block in ctx.prose():
        if not re.search(r"(?<=[ぁ-ん])物(?![一-龯])", block.text):
            continue
        tokens = ctx.tokens(block)
        for (_, _, before), (start, end, word) in zip(tokens, tokens[1:]):
            if word.surface() == "物" and word.part_of_speech()[0] == "名詞" \
                    and _attributive(before):
                yield Hit("KY-MONO", block, start, end,
                          "形のない事柄なら「もの」（形のある物体なら「物」のまま）")


# 訓令 2(1): compound nouns without a conjugation drop okurigana (通則2 許容).
_SHORT = {
    "取り扱い": "取扱い", "打ち合わせ": "打合せ", "打ち合せ": "打合せ", "届け出": "届出",
    "申し込み": "申込み", "手続き": "手続", "取り消し": "取消し", "問い合わせ": "問合せ",
    "申し出": "申出", "受け付け": "受付", "引き継ぎ": "引継ぎ", "見積もり": "見積り",
    "申し立て": "申立て", "貸し付け": "貸付け", "売り上げ": "売上げ", "繰り越し": "繰越し",
    "払い込み": "払込み", "払い戻し": "払戻し", "立ち入り": "立入り", "話し合い": "話合い",
    "組み合わせ": "組合せ", "差し押さえ": "差押え", "引き渡し": "引渡し", "割り当て": "割当て",
    "切り替え": "切替え", "呼び出し": "呼出し", "申し合わせ": "申合せ", "積み立て": "積立て",
    "書き換え": "書換え", "読み替え": "読替え", "入れ替え": "入替え", "受け入れ": "受入れ",
    "借り入れ": "借入れ", "買い取り": "買取り", "取り決め": "取決め", "立ち会い": "立会い",
    "立て替え": "立替え", "付き添い": "付添い", "引き上げ": "引上げ", "引き下げ": "引下げ",
    "引き受け": "引受け", "引き取り": "引取り", "見合わせ": "見合せ", "申し入れ": "申入れ",
    "持ち込み": "持込み", "雇い入れ": "雇入れ", "譲り受け": "譲受け", "譲り渡し": "譲渡し",
    "締め切り": "締切り", "据え置き": "据置き", "備え付け": "備付け", "受け渡し": "受渡し",
    "差し止め": "差止め", "振り出し": "振出し", "明け渡し": "明渡し", "言い渡し": "言渡し",
    "貸し出し": "貸出し", "組み立て": "組立て", "取り締まり": "取締り", "取り調べ": "取調べ",
    "取り付け": "取付け", "取り戻し": "取戻し", "乗り換え": "乗換え", "引き換え": "引換え",
}
_OKURI_CANDIDATE = re.compile("|".join(sorted(_SHORT, key=len, reverse=True)))


def okurigana(ctx):
    for block in ctx.prose():
        if not _OKURI_CANDIDATE.search(block.text):
            continue
        for start, end, word in ctx.tokens(block):
            good = _SHORT.get(word.surface())
            # 「引き渡し、」 ends a clause: the verb (引き渡す), not the noun.
            if good and word.part_of_speech()[0] == "名詞" and block.text[end:end + 1] not in "、，":
                yield Hit("KY-OKURIGANA", block, start, end, good, good)


_POLITE = re.compile(r"(?:です|ます|ました|ません|でした|でしょう|ください|下さい|ましょう)[。]?$")
_PLAIN = re.compile(r"(?:である|であった|であろう|だ|ではない|ない|た|る|う|く|す|つ|ぬ|む|ぶ|ぐ|い)[。]$")


def buntai(ctx):
    """である体 and です・ます体 not mixed: the sentences in the style fewer
    sentences use are reported (a tie: those unlike the first)."""
    polite, plain, first = [], [], None
    for block in ctx.prose(kinds=("paragraph",)):
        for start, end in sentences(block.text):
            sentence = block.text[start:end].rstrip()
            if not sentence.endswith("。") or len(sentence) < 4:
                continue
            style = "polite" if _POLITE.search(sentence) else \
                ("plain" if _PLAIN.search(sentence) else None)
            if style is None:
                continue
            first = first or style
            (polite if style == "polite" else plain).append((block, start, end))
    if not polite or not plain:
        return
    minority = plain if len(plain) < len(polite) or (
        len(plain) == len(polite) and first == "polite") else polite
    good = "です・ます体に" if minority is plain else "である体に"
    for block, start, end in minority:
        yield Hit("KY-BUNTAI", block, max(start, end - 6), end, f"文書の多くの文に合わせて{good}")
