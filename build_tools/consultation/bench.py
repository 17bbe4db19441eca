"""Benchmark: the result table for N generated opinions in every format.

    .venv/bin/python -m build_tools.consultation.bench [N] [--formats html,csv,docx,pdf]

Prints the time per format, the whole time and the peak memory of one
process (`make bench` runs it with 10,000). The opinions are
generated (and say so); the sections are the bundled H24 labels, so no
Sphinx run or git access is timed.
"""
from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from .. import writers
from ..document import Section, split_heading
from ..revisions import Project, Revision
from ..writers import FrontMatter, Page
from . import document
from .model import DEFAULT_CATEGORIES, Consultation, Opinion
from .records import load_categories

SECTIONS = ("definition", "purpose", "necessity", "background", "intent", "history")
TITLES = ("1.公民連携とは", "2.目的", "3.公民連携によるまちづくりの必要性", "4.現状と背景",
          "5.策定の趣旨", "6.これまでの経緯")
NOTICE = "【見本】ベンチマーク用に生成した意見です。市の公表資料ではありません。"


def generated(project: Project, n: int) -> tuple[Consultation, dict[str, Section]]:
    sections = {label: Section(i, label, label, label, title, *split_heading(title), 0, None)
                for i, (label, title) in enumerate(zip(SECTIONS, TITLES))}
    categories = load_categories(project, DEFAULT_CATEGORIES)
    codes = categories.codes
    methods = ["郵送", "ファクシミリ", "電子メール", "持参"]
    opinions = []
    for i in range(1, n + 1):
        code = codes[i % len(codes)]
        cat = categories.get(code)
        label = SECTIONS[i % len(SECTIONS)]
        opinions.append(Opinion(
            number=i, submitter=i // 3 + 1, received=dt.date(2011, 11, 16),
            method=methods[(i // 3) % len(methods)], section=label,
            summary=f"【生成】意見{i}：公民連携の推進に当たり、市民サービスの質を確保するための"
                    "具体的な手順を示してほしい。" * (1 + i % 3),
            response=f"【生成】考え方{i}：ご意見の趣旨は案に盛り込まれています。今後の取組の参考とします。",
            category=code, changed_section=label if cat.changes_draft else "",
            count_only=cat.count_only_allowed and i % 10 == 0, note="生成", line=i + 1))
    rev = Revision(id="BENCH", kind="策定", status="adopted", adopted=_pd(), decided_by="政策会議",
                   summary="ベンチマーク", commit="0" * 40,
                   provenance={"text": "sample", "note": NOTICE, "source": "生成"},
                   public_comment={"start": dt.date(2011, 11, 16), "end": dt.date(2011, 12, 15)},
                   file="(generated)")
    c = Consultation(
        revision=rev, title="ベンチマーク用の案", eligible="どなたでも", methods=methods,
        published=_pd(), categories=categories, draft_ref=None, draft_comparison=None,
        provenance={"records": "sample", "note": NOTICE, "sample_notice": NOTICE},
        opinions=opinions, file="(generated)", opinions_file="(generated)")
    return c, sections


def _pd():
    from ..era import PartialDate
    return PartialDate(2012, 2)


def run(project: Project, n: int, formats=writers.document_formats(data=True),
        out_dir: Path | None = None) -> dict[str, float]:
    """Seconds per format (plus 'doctree') for n generated opinions, written
    into `out_dir` (by default a temporary folder, removed after)."""
    if out_dir is None:
        with tempfile.TemporaryDirectory(prefix="comments-bench-") as tmp:
            return run(project, n, formats, Path(tmp))
    c, sections = generated(project, n)
    policy = project.policy()
    title, subtitle = document.titles(c, policy)
    out = Path(out_dir)
    running_title, running_notice = document.running(c, policy)
    front = FrontMatter(title=title, policy=vars(policy), subtitle=subtitle, notice=NOTICE,
                        provenance=NOTICE, basename=f"bench-{n}", running_title=running_title,
                        running_notice=running_notice,
                        page=Page(template="comments.html", site_root="../../",
                                  breadcrumb_here="ベンチマーク"))
    times = {}
    start = time.perf_counter()
    tree = document.build(c, sections, policy=policy, links=document.Links(edition=None))
    times["doctree"] = time.perf_counter() - start
    for fmt in formats:
        start = time.perf_counter()
        writers.publish(tree, front, [fmt], out)
        times[fmt] = time.perf_counter() - start
    return times


def main(argv=None) -> None:
    import argparse
    import resource
    parser = argparse.ArgumentParser(prog="python -m build_tools.consultation.bench")
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--formats", default=",".join(writers.document_formats(data=True)))
    args = parser.parse_args(argv)
    formats = writers.parse_formats(args.formats, writers.document_formats(data=True))
    start = time.perf_counter()
    times = run(Project.find(), args.count, formats)
    # One process's peak: the builder's, or the largest of its workers'.
    peak = max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(", ".join(f"{name} {seconds:.1f} s" for name, seconds in times.items())
          + f"; {time.perf_counter() - start:.1f} s in all, peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
