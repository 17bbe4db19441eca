"""A published 改め文 read into operations (build_tools/amend/operations.py).

    parse(text) -> Parsed: the enacting sentence, and per instruction
    sentence its operations or why it cannot be read (never an exception)

The grammar, as 法制執務 writes an instruction sentence:

    sentence  := clause (「、」 clause)* 「。」
    clause    := places 「中」 words | places 「中」 places move | [places] move | words
    words     := quotes 「を」 quote 「に」 (「、」 …)* 「改め」      — Replace
               | quotes 「を」 「削り」                            — Delete
               | quote 「の次に」/「の下に」/「の前に」 quote 「を」 (「、」 …)* 「加え」 — Insert
    move      := 「を次のように改め」 | 「を削り」 | 「を」 place 「とし」 | 「をN条ずつ繰り下げ」
               | 「に次のN項を加え」 | 「の次に次のN条を加え」 | 「に見出しとして「…」を付し」 …
    places    := place ((「、」|「及び」|「並びに」) place)* | place 「から」 place 「まで」

A place (address.py) is 「第N条第M項第K号」, 「同条」, 「附則第３項」, with a part
(見出し, ただし書, 各号列記以外の部分 …); the quotes nest (「「前項」とあるのは」).
Numbers are 漢数字 or 算用数字 in either width. The text a sentence brings
(「次のように改める」) is read into Blocks (body.py).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import PolicyError
from .address import AddressError, Context, Place, Reader, expand
from .moves import Moves, ReadError, operation_address
from .operations import Delete, Insert, Operation, Replace
from .segment import Amendment, segment

_VERB = {"改め": "改める", "削り": "削る", "加え": "加える", "とし": "とする",
         "繰り下げ": "繰り下げる", "繰り上げ": "繰り上げる", "付し": "付する"}
_VERBS = sorted({*_VERB, *_VERB.values()}, key=len, reverse=True)
# What may follow a closing quote inside an instruction.
_AFTER_QUOTE = re.compile(r"を|に|の(?:次|下|前|上|後)に|、|及び|並びに|。|とし|とする|まで|から|中")


@dataclass
class Instruction:
    """One instruction sentence and what it says."""

    text: str
    line: int
    operations: list[Operation] = field(default_factory=list)
    error: str = ""
    body: list[str] = field(default_factory=list)
    style: str = "法令"          # the house style the sentence is written in


@dataclass
class Parsed:
    amendment: Amendment
    instructions: list[Instruction]

    @property
    def operations(self) -> list[Operation]:
        return [op for i in self.instructions for op in i.operations]

    @property
    def errors(self) -> list[Instruction]:
        return [i for i in self.instructions if i.error]


def style_of(text: str) -> str:
    """法令 (漢数字) or 例規 (算用数字) — and the digits' width: 例規 full / half."""
    core = re.sub(r"「[^「」]*」", "", text)
    if re.search(r"第[〇一二三四五六七八九十百千]+[条項号章節]", core):
        return "法令"
    return "例規(全角)" if re.search(r"[０-９]", core) else "例規"


def parse(text: str) -> Parsed:
    """Every instruction sentence of `text` with its operations, or the reason
    it cannot be read."""
    amendment = segment(text)
    context = Context()
    out = []
    for sentence in amendment.sentences:
        style = style_of(sentence.text)
        item = Instruction(sentence.text, sentence.line, body=sentence.body, style=style)
        try:
            item.operations = _Sentence(sentence.text, sentence.body, context,
                                        iroha=style == "法令").read()
        except (ReadError, AddressError) as exc:
            item.error = _explain(sentence.text, str(exc), exc.pos)
        except PolicyError as exc:
            item.error = exc.message
        except (ValueError, IndexError, KeyError) as exc:  # a shape nobody foresaw: say so
            item.error = f"この文を読めません（{type(exc).__name__}: {exc}）"
        out.append(item)
    return Parsed(amendment, out)


def _explain(text: str, message: str, pos: int) -> str:
    shown = text[max(0, pos - 12):pos] + "▲" + text[pos:pos + 12]
    return f"{message}（{pos + 1}文字目: …{shown}…）"


class _Sentence(Moves):
    def __init__(self, text: str, body: list[str], context: Context, *, iroha: bool):
        self.t = unicodedata.normalize("NFC", text)
        self.pos = 0
        self.body = list(body)
        self.context = context
        self.reader = Reader(self.t, context, iroha=iroha)
        self.scope: Place | None = None      # the last 「…中」
        self.scopes: list[Place] = []        # all its places (「第８条及び第９条中」)
        self.ops: list[Operation] = []
        self.announced: list[tuple[Operation, str]] = []   # ops waiting for their text

    # --- the cursor ------------------------------------------------------------
    def eat(self, word: str) -> bool:
        if self.t.startswith(word, self.pos):
            self.pos += len(word)
            return True
        return False

    def expect(self, word: str, what: str):
        if not self.eat(word):
            raise ReadError(f"「{word}」があるはずの所に{what}", self.pos)

    def verb(self) -> str:
        for word in _VERBS:
            if self.t.startswith(word, self.pos):
                self.pos += len(word)
                return _VERB.get(word, word)
        raise ReadError("動詞（改める・削る・加える・とする …）を読めません", self.pos)

    def quote(self) -> str:
        """「…」 at the cursor; nested quotes are part of it. A closing bracket
        that nothing can follow belongs to the quote (「「選定する」と」の次に」)."""
        if not self.eat("「"):
            raise ReadError("「 があるはずです", self.pos)
        start, depth, i = self.pos, 0, self.pos
        while i < len(self.t):
            ch = self.t[i]
            if ch == "「":
                depth += 1
            elif ch == "」":
                if depth:
                    depth -= 1
                elif i > start and _AFTER_QUOTE.match(self.t, i + 1):
                    self.pos = i + 1
                    return self.t[start:i]
            i += 1
        # The quote holds an opening bracket without its closer (「…（以下「収納事務受託者」を…):
        # it ends at the first closing bracket that a particle follows.
        for i in range(start + 1, len(self.t)):
            if self.t[i] == "」" and _AFTER_QUOTE.match(self.t, i + 1) \
                    and not _AFTER_QUOTE.match(self.t, i + 1)[0] in ("、", "中"):
                self.pos = i + 1
                return self.t[start:i]
        raise ReadError("かぎかっこ「」が閉じていません", start - 1)

    # --- a sentence ----------------------------------------------------------
    def read(self) -> list[Operation]:
        if not self.t.endswith("。"):
            raise ReadError("文が「。」で終わっていません（途中で切れています）", len(self.t))
        while True:
            self.clause()
            if self.eat("。"):
                break
            if not (self.eat("、") or self.eat("並びに")):
                raise ReadError("ここで文を続けて読めません", self.pos)
        if self.pos != len(self.t):
            raise ReadError("「。」の後に文が続いています", self.pos)
        self.fill()
        return self.ops

    def clause(self):
        if self.t.startswith("「", self.pos):
            if not self.scopes:
                raise ReadError("どの規定の字句か（「第N条中」）がありません", self.pos)
            return self.words_many(self.scopes)
        places, kind = self.places(self.scope)
        if self.eat("中"):
            if kind == "range":  # 「第５３条から第５５条までの規定中」: each of them
                places = expand(places[0], places[1], self.pos)
            self.scopes = places
            self.scope = places[0] if len(places) == 1 else None
            for place in places:
                self.context.remember(place)
            if self.t.startswith("「", self.pos):
                return self.words_many(places)
            inner, inner_kind = self.places(places[0])
            return self.move(inner, inner_kind, inside=places[0])
        return self.move(places, kind, inside=self.scope)

    def places(self, base, remember: bool = True):
        places, end, kind = self.reader.places(self.pos, base, remember)
        self.pos = end
        return places, kind

    # --- words ---------------------------------------------------------------
    def words_many(self, places):
        """「第８条及び第９条中「A」を「B」に改め」: the same change in each place."""
        start = self.pos
        for place in places:
            self.pos = start
            self.words(place)

    def words(self, place: Place):
        target = operation_address(place)
        kind, pending = "", []
        while True:
            olds = [self.quote()]
            while self.t.startswith(("、「", "及び「"), self.pos):
                self.eat("、") or self.eat("及び")
                olds.append(self.quote())
            if self.eat("を"):
                if self.t.startswith("「", self.pos):
                    new = self.quote()
                    self.expect("に", "別の字があります")
                    pending += [Replace(target, old, new) for old in olds]
                    kind = kind or "改める"
                elif self.t.startswith(("削り", "削る"), self.pos):
                    pending += [Delete(target, old) for old in olds]
                    kind = kind or "削る"
                    break
                else:
                    raise ReadError("「を」の後を読めません", self.pos)
            else:
                match = re.compile(r"の(次|下|後|前|上)に").match(self.t, self.pos)
                if not match or len(olds) > 1:
                    raise ReadError("引用の後を読めません（「を」「の次に」などがありません）", self.pos)
                self.pos = match.end()
                text = self.quote()
                self.expect("を", "別の字があります")
                pending.append(Insert(target, olds[0], text, before=match[1] in "前上"))
                kind = kind or "加える"
            if self.t.startswith("、「", self.pos):
                self.eat("、")
                continue
            break
        verb = self.verb()
        kinds = {type(op) for op in pending}
        wanted = {"改める": Replace, "削る": Delete, "加える": Insert}[verb] \
            if verb in ("改める", "削る", "加える") else None
        if wanted is None or kinds != {wanted}:
            raise ReadError(f"引用した字句と動詞「{verb}」が合いません", self.pos)
        self.ops += pending

    # --- whole provisions ------------------------------------------------------
