"""Personal-data guard (個人情報の保護): submitters' names, addresses and
contact details are never published (CONVENTIONS §2).

Two lines of defence:

* columns of an imported file whose header says they hold personal data
  (氏名, 住所, 電話, メール …) are never imported, so they never reach the
  repository, let alone the site;
* inside the published text (意見の概要, 市の考え方) e-mail addresses,
  phone numbers, postal codes and street addresses are detected; publishing
  refuses and lists each hit, or masks them when asked to (`--mask`).

Names inside free text cannot be recognised reliably by pattern; the
summaries are written by staff, who remove them (the result says opinions
are summarised).
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

# Full-width digits and dashes are mapped one character to one character, so
# positions found in the mapped text are positions in the original.
_WIDTH = str.maketrans("０１２３４５６７８９－‐―−ー（）＠．＿＋", "0123456789-----()@._+")
_D = r"[0-9]"
_KANJI_NUM = r"[0-9一二三四五六七八九十百〇]"
PATTERNS = (
    ("電子メールアドレス", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")),
    ("郵便番号", re.compile(rf"〒\s*{_D}{{3}}-?{_D}{{4}}|(?<![0-9-]){_D}{{3}}-{_D}{{4}}(?![0-9-])")),
    ("電話番号", re.compile(
        rf"(?<![0-9])(?:0{_D}{{1,4}}[-( ]{_D}{{1,4}}[-) ]{_D}{{3,4}}|0[5789]0-?{_D}{{4}}-?{_D}{{4}}"
        rf"|\(0{_D}{{1,4}}\)\s*{_D}{{1,4}}-{_D}{{3,4}}"
        rf"|0{_D}{{9,10}})(?![0-9])")),
    ("住所", re.compile(
        rf"[一-龥ぁ-んァ-ヶヶケ]{{1,8}}[都道府県市区町村郡]"
        rf"[一-龥ぁ-んァ-ヶヶケ0-9]{{0,12}}?"
        rf"(?:{_KANJI_NUM}+丁目\s*{_KANJI_NUM}+番地?(?:\s*{_KANJI_NUM}+号?)?"
        rf"|{_KANJI_NUM}+番地(?:\s*{_KANJI_NUM}+号?)?"
        rf"|{_KANJI_NUM}+番\s*{_KANJI_NUM}+号"
        rf"|{_D}+-{_D}+(?:-{_D}+)?)")),
)
MASK = "［個人情報のため削除］"


@dataclass(frozen=True)
class Hit:
    kind: str        # 電話番号 …
    text: str        # what was found
    start: int
    end: int


def find(text: str) -> list[Hit]:
    """Personal data inside `text`, in order, without overlaps."""
    mapped = text.translate(_WIDTH)
    hits: list[Hit] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(mapped):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue
            hits.append(Hit(kind, text[m.start():m.end()], m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


def mask(text: str) -> str:
    for hit in reversed(find(text)):
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


def masked(opinion):
    """The opinion with personal data in its published text masked."""
    from dataclasses import replace
    return replace(opinion, **{name: mask(getattr(opinion, name)) for name in PUBLISHED_FIELDS})
