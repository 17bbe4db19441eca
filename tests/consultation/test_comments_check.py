"""`policy comments ID --check`: the records must agree with the revision's
text and, where the draft is in git, with the 新旧対照表 案→決定版."""
from __future__ import annotations

import pytest

from tests.consultation.helpers import VALID_ROWS, row


def test_valid_records_without_draft_pass_with_a_notice(repo, capsys):
    assert repo.policy("comments", "B", "--check") == 0
    out = capsys.readouterr().out
    assert "draft_ref" in out and "照合できません" in out and "番号 1" in out
    assert "問題はありません" in out


def test_change_claim_verified_against_the_comparison(repo, capsys):
    # B changed 'purpose' from A's text, and left 'scope' alone.
    repo.write(draft_ref=repo.a)
    assert repo.policy("comments", "B", "--check") == 0
    assert "照合できません" not in capsys.readouterr().out


def test_change_claim_the_comparison_does_not_show_fails(repo, capsys):
    rows = [*VALID_ROWS, row(4, "scope", "範囲を広げるべき。", "A", response="修正しました。",
                             changed="scope")]
    repo.write(rows, draft_ref=repo.a)
    assert repo.policy("comments", "B", "--check") == 1
    err = capsys.readouterr().err
    assert "revisions/B/opinions.csv:5: 番号 4: 修正箇所 'scope' は" in err
    assert "新旧対照表で変更されていません" in err


BROKEN = {
    "no response": (row(4, "scope", "意見です。", "C", response=""), "市の考え方がありません"),
    "unknown section": (row(4, "nosuch", "意見です。", "C"), "該当箇所 'nosuch' は B の本文にありません"),
    "unknown changed section": (row(4, "scope", "意見です。", "A", changed="gone"),
                                "修正箇所 'gone' は B の本文にありません"),
    "change without section": (row(4, "scope", "意見です。", "A"), "区分 A（意見を反映し、案を修正したもの）には修正箇所が必要です"),
    "outside the period": (row(4, "scope", "意見です。", "C", received="2019-04-01"),
                           "受付日 2019-04-01 が募集期間（2019-03-01〜2019-03-31）の外です"),
    "personal data": (row(4, "scope", "連絡は 090-1234-5678 へ。", "C"),
                      "番号 4 の意見の概要に電話番号「090-1234-5678」があります"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_problem_fails_the_check_and_publication(repo, tmp_path, capsys, case):
    bad, message = BROKEN[case]
    repo.write([*VALID_ROWS, bad])
    assert repo.policy("comments", "B", "--check") == 1
    err = capsys.readouterr().err
    assert f"revisions/B/opinions.csv:5: 番号 4: {message}" in err or \
        f"revisions/B/opinions.csv:5: {message}" in err, err
    out = tmp_path / "out"
    assert repo.policy("comments", "B", "-o", str(out), "-f", "html,csv") == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


def test_malformed_records_name_the_line(repo, capsys):
    (repo.records / "opinions.csv").write_text(
        "番号,提出者番号,受付日,提出方法,意見の概要,区分\n1,1,2019-03-10,電話,意見,B\n",
        encoding="utf-8")
    assert repo.policy("comments", "B", "--check") == 1
    err = capsys.readouterr().err
    assert "revisions/B/opinions.csv:2: 列「提出方法」: '電話' は提出方法にありません" in err


def test_received_in_era_form_within_its_era_is_read(repo, capsys):
    repo.write([*VALID_ROWS, row(4, "scope", "意見です。", "C", received="平成31年3月10日")])
    assert repo.policy("comments", "B", "--check") == 0
    assert "問題はありません" in capsys.readouterr().out


@pytest.mark.parametrize("received", ["令和元年4月1日", "令和元年４月１日"])
def test_received_on_an_era_date_that_does_not_exist_is_refused(repo, capsys, received):
    # Reiwa began on 2019-05-01: 令和元年4月1日 is no day at all, not 2019-04-01.
    repo.write([*VALID_ROWS, row(4, "scope", "意見です。", "C", received=received)])
    assert repo.policy("comments", "B", "--check") == 1
    err = capsys.readouterr().err
    assert (f"revisions/B/opinions.csv:5: 列「受付日」: {received} はありません"
            "（令和は 2019年5月1日〜）") in err, err
    assert "Traceback" not in err


def test_published_on_an_era_date_that_does_not_exist_is_refused(repo, capsys):
    repo.write()
    path = repo.records / "consultation.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('published = "2019-05"', 'published = "令和元年4月1日"'),
                    encoding="utf-8")
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if t.startswith("published"))
    assert repo.policy("comments", "B", "--check") == 1
    err = capsys.readouterr().err
    assert (f"revisions/B/consultation.toml:{line}: キー 'published': 令和元年4月1日 はありません"
            "（令和は 2019年5月1日〜）") in err, err
    assert "Traceback" not in err
