"""The rules of 公用文 the checker knows: id, level, what it says, its source.

Sources, as a reviewer would cite them:
  考え方   「公用文作成の考え方」（令和4年1月 文化審議会建議）
  訓令     「公用文における漢字使用等について」（平成22年内閣訓令第1号）
  法令漢字 「法令における漢字使用等について」（平成22年11月30日 内閣法制局長官決定）
  常用漢字表（平成22年内閣告示第2号）

Profiles are the kinds of document the 考え方 names (Ⅰ「公用文の分類」):
法令, 告示・通知, 記録・公開資料, 解説・広報. A profile switches a rule off
or lowers its level; 解説・広報 relaxes some rules (もしくは, 手続き).
"""
from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"
LEVEL_NAMES = {ERROR: "エラー", WARNING: "警告", INFO: "参考"}
PROFILES = ("法令", "告示・通知", "記録・公開資料", "解説・広報")
OFF = None


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    title: str          # what the rule asks, in a few words
    source: str         # where it comes from (shown in every finding)
    bad: str            # an example the rule reports …
    good: str           # … and what it should read


RULES = {rule.id: rule for rule in (
    Rule("KY-TOUTEN", ERROR, "読点は一つの記号に統一する（既定「、」）", "考え方 Ⅰ-5",
         "市は，計画を定め、実施する。", "市は、計画を定め、実施する。"),
    Rule("KY-HANKAKU-KUTOTEN", ERROR, "日本語の文に半角の「,」「.」を使わない", "考え方 Ⅰ-5",
         "計画を定め,実施する.", "計画を定め、実施する。"),
    Rule("KY-SETSUZOKU-KANJI", ERROR, "及び・並びに・又は・若しくは は漢字で書く", "訓令 1(2)オ",
         "市民および事業者", "市民及び事業者"),
    Rule("KY-SETSUZOKU-KANA", ERROR, "ただし・なお・したがって・かつ・また 等の接続詞は仮名で書く",
         "訓令 1(2)オ", "但し、この限りでない。", "ただし、この限りでない。"),
    Rule("KY-SETSUZOKU-KAISO", WARNING,
         "並びには及びを、若しくは又はを内に含む文でだけ使う（段階の使い分け）",
         "法令用語の用法（法制執務: 並びに・若しくは）",
         "市民並びに事業者が参加する。", "市民及び事業者が参加する。"),
    Rule("KY-HOJO-DOSHI", ERROR, "補助動詞（…ていく、…てください、…ていただく 等）は仮名で書く",
         "訓令 1(2)キ", "資料を提出して下さい。", "資料を提出してください。"),
    Rule("KY-KEISHIKI-MEISHI", WARNING, "形式名詞（こと・ところ・とおり・ため・わけ 等）は仮名で書く",
         "訓令 1(2)キ", "連絡する事が必要です。", "連絡することが必要です。"),
    Rule("KY-TOKI", INFO, "条件を表すときは「とき」、時点・時刻は「時」", "訓令 1(2)キ",
         "事故の時は連絡する。", "事故のときは連絡する。"),
    Rule("KY-MONO", INFO, "形のない事柄は「もの」、人は「者」、形のある物体は「物」",
         "訓令 1(2)キ", "必要な物と認める。", "必要なものと認める。"),
    Rule("KY-SUJI-SANYO", WARNING,
         "横書きでは数量・順序を算用数字で書く（一部・第三者 等の語は除く）", "考え方 Ⅰ-4",
         "三十日以内に提出する。", "30日以内に提出する。"),
    Rule("KY-SUJI-HABA", WARNING, "算用数字の全角・半角を文書内で統一する", "考え方 Ⅰ-4",
         "3月と１２月", "3月と12月"),
    Rule("KY-SUJI-KANMA", WARNING, "4桁以上の数は3桁ごとに「,」で区切る（年・番号は除く）",
         "考え方 Ⅰ-4", "12000人", "12,000人"),
    Rule("KY-KASHO", ERROR, "か所・か月 と書き、ヶ・カ・ヵ は使わない（法令では「箇」）",
         "考え方 Ⅰ-4・法令漢字", "3ヶ月", "3か月"),
    Rule("KY-MIDASHI", ERROR,
         "見出しの番号は階層ごとに 第1→1→(1)→ア→(ア)→a→(a)、番号の後に点を打たず全角空白、欠番なし",
         "考え方 Ⅲ-2", "1.公民連携とは", "1　公民連携とは"),
    Rule("KY-JOYO", WARNING, "常用漢字表にない漢字は仮名で書くか言い換える（固有名詞は設定で許可）",
         "訓令 1(1)・常用漢字表（平成22年内閣告示第2号）", "改竄を防ぐ。", "改ざんを防ぐ。"),
    Rule("KY-OKURIGANA", WARNING, "活用のない複合語は送り仮名を省く（取扱い・打合せ・手続 等）",
         "訓令 2(1)", "打ち合わせを行う。", "打合せを行う。"),
    Rule("KY-BUNTAI", WARNING, "「である」体と「です・ます」体を一つの文書に混ぜない", "考え方 Ⅲ-1",
         "計画を定める。市が実施します。", "計画を定めます。市が実施します。"),
    Rule("KY-KAKKO", WARNING, "括弧の中で文が終わるときは句点を打つ（…という。）", "考え方 Ⅰ-5",
         "（以下「計画」という）", "（以下「計画」という。）"),
)}

# Per profile: rule id -> level (OFF: not checked). Rules not named keep their level.
PROFILE_LEVELS = {
    # Statutes: their headings are 条・項・号, and 法令漢字 writes 箇所・箇月.
    # 物 in statutes is the thing with a shape (法令漢字), used with care.
    "法令": {"KY-MIDASHI": OFF, "KY-BUNTAI": OFF, "KY-MONO": OFF},
    "告示・通知": {},
    "記録・公開資料": {},
    # 考え方 Ⅰ: explanations and public relations may write もしくは, 手続き.
    "解説・広報": {"KY-SETSUZOKU-KANJI": OFF, "KY-OKURIGANA": OFF, "KY-SETSUZOKU-KAISO": INFO,
               "KY-JOYO": INFO},
}
# 縦書き text (a statute whose e-Gov XML says WritingMode="vertical") keeps 漢数字.
VERTICAL_OFF = ("KY-SUJI-SANYO", "KY-SUJI-HABA", "KY-SUJI-KANMA")


def levels(profile: str, vertical: bool, disabled=()) -> dict[str, str]:
    """rule id -> level for a profile (rules switched off are left out)."""
    out = {}
    for rule in RULES.values():
        level = PROFILE_LEVELS[profile].get(rule.id, rule.level)
        if level is OFF or rule.id in disabled or (vertical and rule.id in VERTICAL_OFF):
            continue
        out[rule.id] = level
    return out
