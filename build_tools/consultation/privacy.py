"""Personal-data guard (個人情報の保護): submitters' names, addresses and
contact details are never published (CONVENTIONS §2).

Two lines of defence:

* columns of an imported file whose header says they hold personal data
  (氏名, 住所, 電話, メール …) are never imported, so they never reach the
  repository, let alone the site;
* inside the published text (意見の概要, 市の考え方) e-mail addresses,
  phone numbers, postal codes and street addresses are detected, in the
  scripts a submitter writes them in (full-width digits, kanji numerals
  〇一二…, any dash, 「(at)」 for @); publishing refuses and lists each hit,
  or masks them when asked to (`--mask`);
* likely personal names — Sudachi's person names (the analyser the
  comparison loads), a self-introduction (「…に住む〇〇です」「〇〇と申します」)
  and a word before 様・さん・氏 — are listed for staff to confirm: each
  stops publication until it is masked in the opinion or marked as not
  personal in consultation.toml (`[[not_personal]]`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Header words of columns that hold personal data (compared after NFKC, lower case).
PERSONAL_HEADER_WORDS = (
    "氏名", "名前", "お名前", "姓名", "ふりがな", "フリガナ", "住所", "所在地", "電話", "tel",
    "携帯", "fax", "ファクス", "ファックス", "メール", "mail", "連絡先", "郵便番号", "〒",
    "団体名", "勤務先", "学校名", "年齢", "生年月日", "name", "address", "phone",
)

# Mapped one character to one character, so that positions found in the
# mapped text are positions in the original: full-width ASCII to ASCII, every
# dash to "-", the ideographic space to a space.
_DASHES = "－‐‑‒–—―−ー─━ｰ"
_WIDTH = {**{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)},
          **{ord(d): "-" for d in _DASHES}, 0x3000: " "}
# For numbers also the kanji digits a submitter writes them with (〇四六七).
_DIGITS = {**_WIDTH, **{ord(k): str(i) for i, k in enumerate("〇一二三四五六七八九")},
           ord("零"): "0"}
_D = r"[0-9]"
_KANJI_NUM = r"[0-9一二三四五六七八九十百〇]"
_AT = r"\s*(?:@|\(at\)|\[at\]|\(アット\)|（アット）|アットマーク)\s*"
PATTERNS = (
    ("電子メールアドレス", re.compile(
        rf"[A-Za-z0-9._%+-]+{_AT}[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", re.IGNORECASE)),
    ("郵便番号", re.compile(rf"〒\s*{_D}{{3}}-?{_D}{{4}}|(?<![0-9-]){_D}{{3}}-{_D}{{4}}(?![0-9-])")),
    ("住所", re.compile(
        rf"[一-龥ぁ-んァ-ヶヶケ]{{1,8}}[都道府県市区町村郡]"
        rf"[一-龥ぁ-んァ-ヶヶケ0-9]{{0,12}}?"
        rf"(?:{_KANJI_NUM}+丁目\s*{_KANJI_NUM}+番地?(?:\s*{_KANJI_NUM}+号?)?"
        rf"|{_KANJI_NUM}+番地(?:\s*{_KANJI_NUM}+号?)?"
        rf"|{_KANJI_NUM}+番\s*{_KANJI_NUM}+号"
        rf"|{_D}+-{_D}+(?:-{_D}+)?)")),
)
# Digits in up to four groups, separated by a dash, a space, a dot or
# brackets (0467(82)1111); a phone number is 10 or 11 of them from a 0, or +81.
_PHONE = re.compile(r"(?<![0-9])(?:\+81[- ]?)?\(?[0-9]{1,5}\)?(?:(?:[- .・]|\) ?){0,2}\(?[0-9]{1,5}\)?){1,3}(?![0-9])")
PHONE = "電話番号"
MASK = "［個人情報のため削除］"


@dataclass(frozen=True)
class Hit:
    kind: str        # 電話番号 …
    text: str        # what was found
    start: int
    end: int


def find(text: str) -> list[Hit]:
    """Personal data inside `text`, in order, without overlaps."""
    mapped, digits = text.translate(_WIDTH), text.translate(_DIGITS)
    hits: list[Hit] = []

    def add(kind, start, end):
        if not any(h.start < end and start < h.end for h in hits):
            hits.append(Hit(kind, text[start:end], start, end))

    for m in PATTERNS[0][1].finditer(mapped):
        add(PATTERNS[0][0], m.start(), m.end())
    for m in _PHONE.finditer(digits):
        if _is_phone(m.group()):
            add(PHONE, m.start(), m.end())
    for kind, pattern in PATTERNS[1:]:
        for m in pattern.finditer(digits if kind == "郵便番号" else mapped):
            add(kind, m.start(), m.end())
    return sorted(hits, key=lambda h: h.start)


def _is_phone(found: str) -> bool:
    number = re.sub(r"[^0-9+]", "", found)
    if number.startswith("+81"):
        number = "0" + number[3:].lstrip("0")
    return number.startswith("0") and len(number) in (10, 11)


NAME = "人名と思われる語"
_HONORIFICS = ("様", "さま", "さん", "氏", "君", "くん", "ちゃん")
# A self-introduction: 「…に住む田中です」「佐藤と申します」 (what stands before is a name
# unless it is a common noun: 「在住の主婦です」 introduces no one).
_INTRODUCTION = re.compile(
    r"(?:に住む|に住んでいる|在住の|在勤の|在学の|私は|わたしは|僕は|ぼくは)\s*"
    r"(?P<who>[^\s、。,，「」（）()]{1,12}?)\s*(?:です|と申します|といいます|でございます)"
    r"|(?P<named>[^\s、。,，「」（）()]{1,12}?)\s*(?:と申します|といいます)")
_CHUNK = 4000   # characters per Sudachi call (it refuses very long input)


def find_names(text: str) -> list[Hit]:
    """Words of `text` that are likely a person's name, for staff to confirm:
    Sudachi's person names (姓, 名, joined when they follow each other), a
    self-introduction's name, and an unknown or proper noun before 様・さん."""
    from ..diff.words import _tokenizer
    words = []
    for offset in range(0, len(text), _CHUNK):
        for m in _tokenizer().tokenize(text[offset:offset + _CHUNK]):
            words.append((offset + m.begin(), offset + m.end(), m.part_of_speech(), m.is_oov()))
    spans = []
    for i, (start, end, pos, oov) in enumerate(words):
        person = pos[1] == "固有名詞" and pos[2] == "人名"
        honoured = i + 1 < len(words) and text[words[i + 1][0]:words[i + 1][1]] in _HONORIFICS \
            and (oov or pos[1] == "固有名詞")
        if person or honoured:
            spans.append([start, end])
    ends = {w[1]: w for w in words}
    for m in _INTRODUCTION.finditer(text):
        start, end = m.span("who" if m.group("who") else "named")
        last = ends.get(end)
        if last and not last[3] and (last[2][1] == "普通名詞" or last[2][0] == "代名詞") \
                and not any(s[0] < end and start < s[1] for s in spans):
            continue  # 「会社員です」「反対です」: a common noun, no name
        spans.append([start, end])
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and not text[merged[-1][1]:start].strip(" 　"):   # 山田 太郎
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Hit(NAME, text[a:b], a, b) for a, b in merged]


def mask(text: str) -> str:
    found = find(text)
    found += [n for n in find_names(text)
              if not any(h.start < n.end and n.start < h.end for h in found)]
    for hit in sorted(found, key=lambda h: h.start, reverse=True):
        text = text[:hit.start] + MASK + text[hit.end:]
    return text


def is_personal_header(header: str) -> bool:
    norm = unicodedata.normalize("NFKC", header).strip().lower()
    return any(word.lower() in norm for word in PERSONAL_HEADER_WORDS)


PUBLISHED_FIELDS = ("summary", "response")


def scan(opinions, file: str) -> list[str]:
    """Each hit in the published text of the opinions, as 'file:line: …'."""
    from .model import FIELD_BY_NAME
    found = []
    for op in opinions:
        for name in PUBLISHED_FIELDS:
            for hit in find(getattr(op, name)):
                found.append(f"{file}:{op.line}: 番号 {op.number} の{FIELD_BY_NAME[name].header}に"
                             f"{hit.kind}「{hit.text}」があります")
    return found


def names(opinions, file: str, not_personal=()) -> list[str]:
    """Each likely name in the published text of the opinions that staff
    have not marked as not personal (`not_personal`: (number, text) pairs)."""
    from .model import FIELD_BY_NAME
    marked = set(not_personal)
    found = []
    for op in opinions:
        for name in PUBLISHED_FIELDS:
            for hit in find_names(getattr(op, name)):
                if (op.number, hit.text) not in marked:
                    found.append(f"{file}:{op.line}: 番号 {op.number} の{FIELD_BY_NAME[name].header}に"
                                 f"{hit.kind}「{hit.text}」があります（要確認）")
    return found


def masked(opinion):
    """The opinion with personal data in its published text masked."""
    from dataclasses import replace
    return replace(opinion, **{name: mask(getattr(opinion, name)) for name in PUBLISHED_FIELDS})
