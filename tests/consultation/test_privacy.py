"""The personal-data guard with what submitters actually write: numbers in
every script, e-mail addresses spelled out, addresses, and names — their own
(「…に住む〇〇です」) or someone else's (〇〇さん) — which staff confirm."""
from __future__ import annotations

import pytest

from build_tools.consultation.privacy import MASK, find, find_names, mask
from tests.consultation.helpers import VALID_ROWS, row

PHONES = [
    "0467-82-1111", "０４６７－８２－１１１１", "〇四六七―八二―一一一一", "〇四六七ー八二ー一一一一",
    "〇四六七－八二－一一一一", "0467(82)1111", "（０４６７）８２－１１１１", "0467 82 1111",
    "0467.82.1111", "０９０・１２３４・５６７８", "090-1234-5678", "09012345678",
    "〇九〇一二三四五六七八", "〇九〇 一二三四 五六七八", "+81-467-82-1111", "０４６７ー82ー1111",
]
EMAILS = ["taro@example.jp", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro (at) example.jp",
          "taro[at]example.jp", "taro（アット）example.jp", "taro.chigasaki@mail.example.co.jp"]
OTHER = [("郵便番号", "〒253-8686"), ("郵便番号", "〒二五三－八六八六"), ("郵便番号", "〒２５３－８６８６"),
         ("住所", "茅ヶ崎市茅ヶ崎一丁目1番1号"), ("住所", "茅ヶ崎市本村二丁目３番４号")]
# Numbers that are not phone numbers: nothing to report.
NOT_PHONES = ["平成23年11月16日から2011-11-16まで", "第1条から第3条まで", "人口は240,000人",
              "一一〇番通報", "令和5年度予算は123億円", "意見は10件、提出者は6名"]


@pytest.mark.parametrize("phone", PHONES)
def test_phone_numbers_in_every_script(phone):
    text = f"連絡は{phone}までお願いします。"
    assert [(h.kind, h.text) for h in find(text)] == [("電話番号", phone)]
    assert mask(text) == f"連絡は{MASK}までお願いします。"


@pytest.mark.parametrize("email", EMAILS)
def test_email_addresses_as_submitters_spell_them(email):
    assert [(h.kind, h.text) for h in find(f"返事は {email} へ。")] == [("電子メールアドレス", email)]


@pytest.mark.parametrize("kind,text", OTHER)
def test_postal_codes_and_addresses(kind, text):
    assert (kind, text) in [(h.kind, h.text) for h in find(f"{text}に住んでいます")]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_dates_and_counts_are_not_phone_numbers(text):
    assert find(text) == []


NAMES = [
    ("茅ヶ崎市本村に住む山田太郎です。公民連携に賛成です。", "山田太郎"),
    ("浜見平に住むちがやんです。", "ちがやん"),
    ("私は佐藤と申します。", "佐藤"),
    ("ちがさき花子と申します。意見を述べます。", "ちがさき花子"),
    ("山田 太郎です。私は反対です。", "山田 太郎"),
    ("近所のきむらさんも同じ意見です。", "きむら"),
    ("自治会の鈴木様から聞きました。", "鈴木"),
    ("ヤマダハナコです。よろしくお願いします。", "ヤマダハナコ"),
    ("市民活動団体の代表、高橋一郎（自治会長）です。", "高橋一郎"),
]
# Words a name guard must leave alone: people named by their role, 皆様.
NOT_NAMES = ["市長さんに伺いたい。", "市民の皆様のご協力が必要です。", "お客様の声を聞いてほしい。",
             "茅ヶ崎一丁目在住の主婦です。", "私は市民です。", "私は反対です。", "茅ヶ崎に住む者です。",
             "事業者さんの協力も必要です。", "公民連携とは、民間事業者と行政が連携することです。"]


@pytest.mark.parametrize("text,name", NAMES)
def test_likely_names_are_found(text, name):
    assert name in [h.text for h in find_names(text)]
    assert name not in mask(text) and MASK in mask(text)


@pytest.mark.parametrize("text", NOT_NAMES)
def test_roles_and_common_nouns_are_not_names(text):
    assert find_names(text) == []


NAMED = row(4, "scope", "本村に住む山田太郎です。範囲を広げてほしい。", "C", submitter=3,
            method="持参")


def test_check_lists_names_and_publication_stops(repo, tmp_path, capsys):
    repo.write([*VALID_ROWS, NAMED])
    assert repo.policy("comments", "B", "--check") == 1
    err = capsys.readouterr().err
    assert "番号 4 の意見の概要に人名と思われる語「山田太郎」があります（要確認）" in err
    out = tmp_path / "out"
    assert repo.policy("comments", "B", "-f", "csv", "-o", str(out)) == 1
    assert "not_personal" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())
    assert repo.policy("comments", "B", "-f", "csv", "--mask", "-o", str(out)) == 0
    assert "山田太郎" not in (out / "comments-B.csv").read_text("utf-8-sig")


def test_a_name_marked_not_personal_is_published(repo, tmp_path, capsys):
    repo.write([*VALID_ROWS, NAMED])
    with open(repo.records / "consultation.toml", "a", encoding="utf-8") as f:
        f.write('\n[[not_personal]]\nopinion = 4\ntext = "山田太郎"\n'
                'reason = "テスト: 提出者が公表に同意した団体代表者の名前"\n')
    assert repo.policy("comments", "B", "--check") == 0
    out = tmp_path / "out"
    assert repo.policy("comments", "B", "-f", "csv", "-o", str(out)) == 0
    assert "山田太郎" in (out / "comments-B.csv").read_text("utf-8-sig")


def test_a_mark_without_reason_or_for_no_opinion_is_refused(repo, capsys):
    repo.write([*VALID_ROWS, NAMED])
    toml = repo.records / "consultation.toml"
    base = toml.read_text("utf-8")
    toml.write_text(base + '\n[[not_personal]]\nopinion = 4\ntext = "山田太郎"\n', "utf-8")
    assert repo.policy("comments", "B", "--check") == 1
    err = capsys.readouterr().err
    assert "consultation.toml" in err and "reason" in err
    toml.write_text(base + '\n[[not_personal]]\nopinion = 99\ntext = "山田太郎"\nreason = "x"\n',
                    "utf-8")
    assert repo.policy("comments", "B", "--check") == 1
    assert "番号 99" in capsys.readouterr().err
