"""A small policy repository with a public comment on revision B (whose
draft is revision A's text), and helpers to write consultation records."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

from build_tools.cli import main
from tests.policy_repo import ROOT, make_repo

HEADERS = ("番号", "提出者番号", "受付日", "提出方法", "該当箇所", "意見の概要", "市の考え方",
           "区分", "修正箇所", "件数のみ掲載", "注記")

# Contact details that differ from every personal-data string of the
# fixtures, so a fixture string found in an output can only come from an opinion.
POLICY_TOML = """title = "テスト方針"
city = "テスト市"
department = "企画課"
site_name = "テスト市 テスト方針"
breadcrumb = ["トップページ"]

[contact]
section = "企画課"
office = "本庁舎1階"
postal_code = "100-0001"
address = "テスト市本町"
phone = "03-0000-0000"
"""


def consultation_toml(*, draft_ref: str | None = None, sample: bool = True) -> str:
    text = ('title = "テスト方針（案）"\neligible = "どなたでも（テスト）"\n'
            'methods = ["郵送", "電子メール", "持参"]\npublished = "2019-05"\n')
    if draft_ref:
        text += f'draft_ref = "{draft_ref}"\n'
    text += '\n[provenance]\n'
    if sample:
        text += ('records = "sample"\nnote = "テスト用の記録です。"\n'
                 'sample_notice = "【見本】テスト用に作成した記録です。"\n')
    else:
        text += 'records = "published"\nnote = "テスト用の記録です。"\n'
    return text


def opinions_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADERS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({h: row.get(h, "") for h in HEADERS})
    return buffer.getvalue()


def row(number, section, summary, category="B", *, submitter=1, received="2019-03-10",
        method="電子メール", response="市の考え方です。", changed="", count_only="") -> dict:
    return {"番号": number, "提出者番号": submitter, "受付日": received, "提出方法": method,
            "該当箇所": section, "意見の概要": summary, "市の考え方": response, "区分": category,
            "修正箇所": changed, "件数のみ掲載": count_only}


VALID_ROWS = [
    row(1, "purpose", "目的を具体的にしてほしい。", "A", response="修正しました。", changed="purpose"),
    row(2, "scope", "範囲は妥当である。", "B"),
    row(3, "", "市の施設の話。", "D", submitter=2, method="郵送", count_only="はい"),
]


class Repo:
    def __init__(self, info: dict):
        self.root: Path = info["root"]
        self.a, self.b = info["A"], info["B"]
        self.records = self.root / "revisions" / "B"

    def write(self, rows=None, *, draft_ref=None, sample=True) -> None:
        self.records.mkdir(parents=True, exist_ok=True)
        (self.records / "consultation.toml").write_text(
            consultation_toml(draft_ref=draft_ref, sample=sample), encoding="utf-8")
        (self.records / "opinions.csv").write_text(
            opinions_csv(VALID_ROWS if rows is None else rows), encoding="utf-8")

    def policy(self, *args) -> int:
        return main(["--repo", str(self.root), *args])


def make_consultation_repo(path: Path) -> Repo:
    info = make_repo(path)
    revs = info["root"] / "revisions"
    (revs / "policy.toml").write_text(POLICY_TOML, encoding="utf-8")
    with open(revs / "B.toml", "a", encoding="utf-8") as f:
        f.write("\n[public_comment]\nstart = 2019-03-01\nend = 2019-03-31\n")
    (revs / "consultation").mkdir()
    shutil.copyfile(ROOT / "revisions" / "consultation" / "categories.toml",
                    revs / "consultation" / "categories.toml")
    return Repo(info)


def clone_project(dest: Path) -> Path:
    """A clone of this project's committed state (what a fresh checkout has)."""
    subprocess.run(["git", "clone", "--quiet", "--shared", str(ROOT), str(dest)], check=True)
    return dest


def lo_convert(docx: Path, outdir: Path, profile: Path) -> Path:
    """Open a .docx in LibreOffice (headless) and save it as PDF."""
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
                   check=True, capture_output=True, timeout=180)
    return outdir / (docx.stem + ".pdf")


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def docx_text(path: Path) -> str:
    """Every text of a .docx (body, tables, headers), read back with python-docx."""
    import docx
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for r in table.rows:
            for cell in r.cells:
                parts.append(cell.text)
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)
