"""`make bench`: our time against what a user would otherwise run, in the same run.

Every figure is the median of several runs of a whole command (ours and the
baseline alike, each in its own process), so start-up costs count on both
sides. Peak memory is the largest resident size of that process tree's
biggest process. Results: a table on stdout and build/bench/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..egov import CORPUS
from ..revisions import Project
from . import longdoc

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
POLICY = str(VENV_BIN / "policy")


@dataclass
class Result:
    name: str
    ours_s: float
    baseline: str
    baseline_s: float | None
    ratio: float | None
    peak_mib: float
    note: str = ""


def timed(cmd: list[str] | str, *, cwd: Path | None = None, prepare=None,
          runs: int = 3) -> tuple[float, float]:
    """Median wall time and peak memory (MiB) of `cmd` over `runs` runs.
    `prepare()` runs before each, untimed (e.g. to empty an output folder)."""
    times, peaks = [], []
    for _ in range(runs):
        if prepare:
            prepare()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, shell=isinstance(cmd, str),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{cmd} failed: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def compare(name, ours, baseline_name, baseline, **kw) -> Result:
    ours_s, peak = timed(ours, **kw)
    if baseline is None:
        return Result(name, ours_s, baseline_name, None, None, peak)
    base_s, _ = timed(baseline, **kw)
    return Result(name, ours_s, baseline_name, base_s, ours_s / base_s, peak)


def in_subprocess(code: str) -> tuple[object, float]:
    """Run Python `code` (which prints one JSON value last) in its own
    process: its result and that process's peak memory in MiB."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=out, stderr=err,
                                text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        out.seek(0), err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(err.read()[-2000:])
        return json.loads(out.read().strip().splitlines()[-1]), usage.ru_maxrss / 1024


class Bench:
    def __init__(self, work: Path, quick: bool):
        self.work = work
        self.quick = quick
        self.project = Project(ROOT)
        self.reports: list[str] = []   # tables of figures that are not times

    def sources(self) -> dict[str, Path]:
        """Every revision's text, exported once, for the baselines."""
        return {rev.id: self.project.export_source(rev.commit, self.work / "src" / rev.id)
                for rev in self.project.revisions()}

    def site_html(self) -> Result:
        out = self.work / "site-html"
        sphinx = [f"{VENV_BIN}/sphinx-build -q -b html {src} {out}/plain/{rev}"
                  for rev, src in self.sources().items()]
        return compare(
            "HTML edition, every revision (full build)",
            [POLICY, "--repo", str(ROOT), "build", "--all", "--build-dir", str(out / "ours")],
            "sphinx-build -b html", " && ".join(sphinx),
            prepare=lambda: shutil.rmtree(out, ignore_errors=True))

    def site_full(self) -> Result:
        """`make`'s work: every revision in every format (and, on our side only,
        the 新旧対照表 and the comment results) against sphinx-build, pandoc and
        WeasyPrint run on the same sources and print HTML."""
        out = self.work / "site-full"
        sources = self.sources()
        prints = self.work / "print"
        prints.mkdir(exist_ok=True)
        in_subprocess(textwrap.dedent(f"""
            from pathlib import Path
            from build_tools.revisions import Project
            from build_tools.document import document_of
            from build_tools.sphinx_run import run_sphinx, sphinx_config
            from build_tools.editions import EditionBuilder
            from build_tools.writers.pdf_html import print_html
            p = Project(Path({str(ROOT)!r}))
            for r in p.revisions():
                c = r.context(); c.update(is_current=False, editions=[], comments=False,
                                          source_date_epoch=0)
                w = Path({str(prints)!r}) / r.id
                app = run_sphinx(Path({str(self.work / "src")!r}) / r.id, w / "html", w / "dt",
                                 config=sphinx_config(policy=vars(p.policy()), revision=c, editions=[]))
                front = EditionBuilder(p).front_matter(r, c, Path({str(self.work / "src")!r}) / r.id)
                html = print_html(document_of(app).doctree, front)
                (w.parent / (r.id + ".html")).write_text(html, encoding="utf-8")
            print(0)
            """))
        for rev, src in sources.items():
            (prints / f"{rev}.rst").write_text("\n\n".join(
                p.read_text(encoding="utf-8") for p in sorted(src.glob("*.rst"))), encoding="utf-8")
        base = []
        for rev, src in sources.items():
            base += [f"{VENV_BIN}/sphinx-build -q -b html {src} {out}/plain/{rev}",
                     f"pandoc -f rst -t docx -o {out}/plain/{rev}.docx {prints}/{rev}.rst",
                     f"{VENV_BIN}/weasyprint -q {prints}/{rev}.html {out}/plain/{rev}.pdf"]
        return compare(
            "full site: every revision in html+docx+pdf (ours also: 新旧対照表, comments)",
            [POLICY, "--repo", str(ROOT), "build", "--all", "--format", "html,docx,pdf",
             "--build-dir", str(out / "ours")],
            "sphinx-build + pandoc + weasyprint", " && ".join(base),
            prepare=lambda: shutil.rmtree(out, ignore_errors=True))

    def noop(self) -> Result:
        out = self.work / "noop"
        ours = [POLICY, "--repo", str(ROOT), "build", "--all", "--build-dir", str(out / "ours")]
        sphinx = [f"{VENV_BIN}/sphinx-build -q -b html {src} {out}/plain/{rev}"
                  for rev, src in self.sources().items()]
        subprocess.run(ours, check=True, capture_output=True)
        subprocess.run(" && ".join(sphinx), shell=True, check=True, capture_output=True)
        return compare("no-op rebuild (nothing changed)", ours,
                       "sphinx-build (incremental, nothing changed)", " && ".join(sphinx))

    def long_html(self) -> list[Result]:
        results = []
        for chapters in ((10, 25) if self.quick else (12, 25, 50)):
            model = longdoc.generate(chapters=chapters)
            src = longdoc.write(model, self.work / f"long-{chapters}" / "src")
            out = self.work / f"long-{chapters}" / "out"
            size = longdoc.size_of(src) / 1e6
            # Our HTML edition is Sphinx plus our extension and theme.
            ours = (f"{sys.executable} -c \"from pathlib import Path; "
                    f"from build_tools.sphinx_run import run_sphinx, sphinx_config; "
                    f"from build_tools.revisions import Project; p = Project(Path('{ROOT}')); "
                    f"r = p.current(); c = r.context(); c['is_current'] = True; c['editions'] = []; "
                    f"run_sphinx(Path('{src}'), Path('{out}/ours'), Path('{out}/ours-dt'), "
                    f"config=sphinx_config(policy=vars(p.policy()), revision=c, editions=[]))\"")
            base = f"{VENV_BIN}/sphinx-build -q -b html {src} {out}/plain"
            result = compare(f"long plan HTML, {chapters * 20} sections ({size:.1f} MB)",
                             ours, "sphinx-build -b html", base, cwd=ROOT,
                             prepare=lambda: shutil.rmtree(out, ignore_errors=True),
                             runs=1 if chapters >= 50 or self.quick else 3)
            results.append(result)
        return results


    def diff_p5(self) -> list[Result]:
        r, peak = in_subprocess("import json; from build_tools.diff.bench import bench; "
                                "print(json.dumps(bench(repeat=5)))")
        name = f"新旧対照表 p5 電気事業法 ({r['old_chars']:,}→{r['new_chars']:,} chars)"
        return [Result(f"{name}: align+diff+render", r["align_diff_render"],
                       "git diff --word-diff-regex=.", r["git_word_diff"], r["ratio"], peak),
                Result(f"{name}: of which word boundaries (Sudachi + legal units)",
                       r["word_analyser"], "share of align+diff+render", r["align_diff_render"],
                       r["word_analyser"] / r["align_diff_render"], peak),
                Result(f"{name}: whole `policy diff` command", r["policy_diff_command"],
                       "aim: under 1.5 s", None, None, peak)]

    def amend_truth(self) -> Result:
        """Real 改め文 measured (build_tools/amend/bench.py): counts, not times;
        the time is parsing and applying the seven official national ones."""
        r, peak = in_subprocess("import json; from build_tools.amend.bench import measure; "
                                "print(json.dumps(measure()))")
        from ..amend.bench import table
        self.reports.append(table(r))
        cases = r["national"]["cases"]
        m = r["municipal"]
        note = (f"official 改め文 reproduce NEW in {sum(c['reproduced'] for c in cases)} of {len(cases)} cases; "
                f"municipal sentences read {m['read']} of {m['sentences']}")
        return Result("改め文: parse + apply the 7 official national 改め文", r["national"]["apply_seconds"],
                      "-", None, None, peak, note=note)

    def amend_p5(self) -> Result:
        """`policy amend` on p5 with its verification (build_tools/amend/p5_bench.py)."""
        r, peak = in_subprocess("import json; from build_tools.amend.p5_bench import bench; "
                                "print(json.dumps(bench(repeat=3)))")
        return Result(f"改め文 p5 電気事業法: generate + verify + render ({r['sentences']} sentences, "
                      f"{r['operations']} operations)", r["wall"], "applying them alone",
                      r["apply"], r["wall"] / r["apply"] if r["apply"] else None, peak,
                      note=f"CPU {r['cpu']:.2f} s (aim: under 2 s on 2 cores)")

    def long_diff(self) -> list[Result]:
        results = []
        for chapters in ((10, 25) if self.quick else (12, 25, 50)):
            model = longdoc.generate(chapters=chapters)
            base = self.work / f"longdiff-{chapters}"
            old = longdoc.write(model, base / "old")
            new = longdoc.write(longdoc.revise(model), base / "new")
            for side in (old, new):  # the same text as one file, for git
                (base / f"{side.name}.txt").write_text("".join(
                    p.read_text(encoding="utf-8") for p in sorted(side.glob("*.rst"))), encoding="utf-8")
            size = longdoc.size_of(old) / 1e6
            results.append(compare(
                f"long plan 新旧対照表 end to end, {chapters * 20} sections ({size:.1f} MB)",
                [POLICY, "--repo", str(ROOT), "diff", str(old), str(new), "-f", "html",
                 "-o", str(base / "out")],
                "git diff --no-index --word-diff-regex=.",
                f"git diff --no-index --word-diff=porcelain --word-diff-regex=. "
                f"{base}/old.txt {base}/new.txt >/dev/null; true"))
        return results

    def pdf(self) -> list[Result]:
        law = sorted((CORPUS / "p4_tokkyo_single").glob("*.xml"))[-1]
        results = []
        for label, call in (("bundled policy R5", "bundled_policy(runs=3)"),
                            ("特許法 (e-Gov p4)", f"law(Path('{law}'), runs=1)")):
            r, peak = in_subprocess(
                "import json; from pathlib import Path; "
                "from build_tools.writers.pdf_bench import bundled_policy, law; "
                f"print(json.dumps({call}.as_dict()))")
            results.append(Result(
                f"PDF per page, {label} ({r['pages']} pages)", r["ours_ms_per_page"] / 1000,
                "WeasyPrint alone, same HTML", r["weasyprint_ms_per_page"] / 1000,
                r["ratio"], peak))
        return results

    def docx(self) -> Result:
        src = self.sources()[self.project.current().id]
        joined = self.work / "docx-joined.rst"
        joined.write_text("\n\n".join(p.read_text(encoding="utf-8")
                                        for p in sorted(src.glob("*.rst"))), encoding="utf-8")
        code = textwrap.dedent(f"""
            import json, time
            from pathlib import Path
            from build_tools.revisions import Project
            from build_tools.document import document_of
            from build_tools.sphinx_run import run_sphinx, sphinx_config
            from build_tools.editions import EditionBuilder
            from build_tools.writers import WRITERS
            p = Project(Path({str(ROOT)!r})); r = p.current(); c = r.context()
            c.update(is_current=True, editions=[], source_date_epoch=0)
            w = Path({str(self.work)!r}) / "docx"
            app = run_sphinx(Path({str(src)!r}), w / "html", w / "dt", config=sphinx_config(
                policy=vars(p.policy()), revision=c, editions=[]))
            d = document_of(app).doctree
            front = EditionBuilder(p).front_matter(r, c, Path({str(src)!r}))
            times = []
            for _ in range(3):
                s = time.perf_counter()
                WRITERS["docx"].write(d.deepcopy(), front, w / "o.docx")
                times.append(time.perf_counter() - s)
            print(json.dumps(sorted(times)[1]))
            """)
        ours, peak = in_subprocess(code)
        base, _ = timed(["pandoc", "-f", "rst", "-t", "docx", "-o", str(self.work / "pandoc.docx"),
                         str(joined)])
        return Result("Word edition R5 (writer, doctree ready)", ours,
                      "pandoc rst→docx (whole command)", base, ours / base, peak)

    def comments(self) -> Result:
        count = 1000 if self.quick else 10_000
        r, peak = in_subprocess(
            "import json; from build_tools.revisions import Project; "
            "from build_tools.consultation.bench import run; "
            f"print(json.dumps(run(Project.find(), {count})))")
        total = sum(r.values())
        return Result(f"public-comment table, per 1,000 of {count:,} opinions "
                      "(html+csv+docx+pdf)", total * 1000 / count, "-", None, None, peak,
                      note=", ".join(f"{k} {v:.1f}s" for k, v in r.items()))


def _lint(bench: "Bench") -> list[Result]:
    """`policy lint`: its figures on the e-Gov laws (build_tools/lint/bench.py)
    and the whole command on p5 against the reader alone, warm and cold."""
    r, peak = in_subprocess("import json; from build_tools.lint.bench import run; "
                            f"print(json.dumps(run({4 if bench.quick else 8})))")
    p5 = sorted((CORPUS / "p5_denki_jigyo_multi").glob("*.xml"))[-1]
    lint = f"{POLICY} lint --profile 法令 {p5} > /dev/null; test $? -le 1"
    read = (f"{sys.executable} -c 'from build_tools.read import read; "
            f"from build_tools.revisions import Project; read(Project.find(), \"{p5}\")'")
    cache = ROOT / "build" / ".cache" / "read"

    def cold():
        for stale in [*cache.glob("draft-*"), *cache.glob("egov-*")]:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    timed(lint, cwd=ROOT, runs=1)   # the reader's cache, warm for both sides
    warm = compare("policy lint p5 電気事業法 (200,000 chars), read cached",
                   lint, "the reader alone (cached)", read, cwd=ROOT)
    first = compare("policy lint p5, first run (Sphinx reads the law)", lint,
                    "the reader alone (first read)", read, cwd=ROOT, prepare=cold)
    recall = ", ".join(f"{k} {v:.0%}" for k, v in r["recall"].items())
    per_rule = ", ".join(f"{k} {v}" for k, v in r["findings_per_10k"].items()) or "none"
    warm.note = (f"unmodified laws ({r['characters']:,} chars, 法令): "
                 f"{r['findings_per_10k_total']} findings per 10,000 chars ({per_rule}); "
                 f"planted violations found by rule: {recall}")
    return [warm, first]


def _table(results: list[Result]) -> str:
    rows = [("benchmark", "ours (s)", "baseline", "baseline (s)", "ratio", "peak MiB")]
    for r in results:
        rows.append((r.name, f"{r.ours_s:.3f}", r.baseline,
                     "-" if r.baseline_s is None else f"{r.baseline_s:.3f}",
                     "-" if r.ratio is None else f"{r.ratio:.2f}×", f"{r.peak_mib:.0f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--quick", action="store_true", help="fewer sizes and runs")
    parser.add_argument("--only", help="run only benchmarks whose method name contains this")
    args = parser.parse_args(argv)
    out_dir = ROOT / "build" / "bench"
    work = out_dir / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    bench = Bench(work, args.quick)
    results: list[Result] = []
    for name in BENCHMARKS:
        if args.only and args.only not in name:
            continue
        print(f"… {name}", file=sys.stderr, flush=True)
        got = _lint(bench) if name == "lint" else getattr(bench, name)()
        for result in got if isinstance(got, list) else [got]:
            results.append(result)
            ratio = "" if result.ratio is None else f" ({result.ratio:.2f}× {result.baseline})"
            print(f"  {result.name}: {result.ours_s:.3f} s{ratio}", file=sys.stderr, flush=True)
    print(_table(results))
    for result in results:
        if result.note:
            print(f"  {result.name}: {result.note}")
    (out_dir / "results.json").write_text(
        json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2), encoding="utf-8")
    for report in bench.reports:
        print("\n" + report)
    print(f"\n{os.cpu_count()} cores; results in {out_dir.relative_to(ROOT)}/results.json")
    return 0


BENCHMARKS = ["site_html", "site_full", "noop", "long_html", "docx", "pdf", "diff_p5", "long_diff",
              "comments", "amend_truth", "amend_p5", "lint"]

if __name__ == "__main__":
    sys.exit(main())
