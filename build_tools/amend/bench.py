"""Ground truth for the 改め文 (`make bench`): real amendments, measured.

National cases (tests/corpus/amendments/): the official 改め文, read by our
parser and applied by our applier to the e-Gov text before, reproduces the
e-Gov text after (how many cases); our generator's 改め文 for the same pair
reproduces it too (every case, or the generator refuses); how many official
instruction sentences the generator writes exactly (whitespace removed), and
how many of the provisions and (provision, operation kind) pairs the official
sentences touch ours touch too. Municipal sentences (tests/corpus/reiki-aratamebun/):
how many the parser reads (the rest by reason), and how many of those the
renderer writes back identically from the parsed operations.

    python -m build_tools.amend.bench
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = ROOT / "tests" / "corpus" / "amendments"
CITIES = ROOT / "tests" / "corpus" / "reiki-aratamebun"


def _bare(sentence: str) -> str:
    return re.sub(r"\s", "", sentence)


def _touched(operations) -> tuple[Counter, Counter]:
    """The provisions operations touch (scope left out) and (provision, kind) pairs."""
    from .render import held_in
    places, kinds = Counter(), Counter()
    for op in operations:
        _, op = held_in(op)     # 「第三章中第八条」 is 第八条
        places[op.target.path] += 1
        kinds[(op.target.path, op.op)] += 1
    return places, kinds


def _common(a: Counter, b: Counter) -> int:
    return sum((a & b).values())


def national(project) -> dict:
    from ..errors import PolicyError
    from ..provisions import provisions_of
    from ..read import read
    from .amendment import amendment
    from .contents import contents_mismatch
    from .oracle import apply_text, first_mismatch
    from .parse import parse
    from .render import render
    cases, seconds = [], 0.0
    for case in sorted(p for p in NATIONAL.iterdir() if p.is_dir()):
        old_doc, new_doc = read(project, str(case / "old.xml")), read(project, str(case / "new.xml"))
        old, new = provisions_of(old_doc), provisions_of(new_doc)
        started = time.perf_counter()
        parsed = parse((case / "amendment.txt").read_text(encoding="utf-8"))
        try:
            mismatch = first_mismatch(apply_text(parsed, old, case.name), new) \
                or contents_mismatch(parsed, str(case / "old.xml"), str(case / "new.xml"))
        except PolicyError as exc:
            mismatch = exc.message
        seconds += time.perf_counter() - started
        official = [i.text for i in parsed.instructions]
        official_ops = [op for i in parsed.instructions for op in i.operations]
        try:
            ours = amendment(old_doc, new_doc)      # refuses unless it applies back to NEW
            ours_ops = [op for s in ours.sentences for op in s.operations]
            written = [render(s.operations, ours.style) for s in ours.sentences]
            round_trip = not ours.whole
        except PolicyError:
            ours_ops, written, round_trip = [], [], False
        text_round_trip = _as_text_round_trip(case, old, new)
        places, kinds = _touched(official_ops)
        our_places, our_kinds = _touched(ours_ops)
        cases.append({
            "case": case.name, "reproduced": mismatch is None, "mismatch": mismatch,
            "round_trip": round_trip, "text_round_trip": text_round_trip, "sentences": len(official),
            "same_sentences": _common(Counter(map(_bare, official)), Counter(map(_bare, written))),
            "provisions": sum(places.values()), "same_provisions": _common(places, our_places),
            "kinds": sum(kinds.values()), "same_kinds": _common(kinds, our_kinds)})
    return {"cases": cases, "apply_seconds": seconds}


def _as_text_round_trip(case: Path, old, new) -> str | None:
    """Our 改め文 as `policy amend -f text` prints it, read back by the parser and
    applied: None when it gives NEW (本則, 附則, 目次), else what differs."""
    import subprocess
    from ..errors import PolicyError
    from .contents import contents_mismatch
    from .oracle import apply_text, first_mismatch
    from .parse import parse
    done = subprocess.run([sys.executable, "-m", "build_tools.cli", "--repo", str(ROOT), "amend",
                           str(case / "old.xml"), str(case / "new.xml"), "-f", "text"],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        return done.stderr.strip().splitlines()[0] if done.stderr.strip() else "policy amend failed"
    parsed = parse(done.stdout)
    if parsed.errors:
        return f"{len(parsed.errors)} sentences not read: {parsed.errors[0].text[:40]}…"
    try:
        return first_mismatch(apply_text(parsed, old, case.name), new) \
            or contents_mismatch(parsed, str(case / "old.xml"), str(case / "new.xml"))
    except PolicyError as exc:
        return exc.message.splitlines()[0]


def municipal() -> dict:
    from .apply_cli import rendered
    from .parse import parse
    total, read_, same, reasons, samples = 0, 0, 0, Counter(), {}
    for path in sorted(CITIES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for item in parse("\n".join(json.loads(line)["aratamebun"])).instructions:
                total += 1
                if item.error:
                    reason = item.error.split("（")[0]
                    reasons[reason] += 1
                    samples.setdefault(reason, item.text[:60])
                    continue
                read_ += 1
                same += rendered(item) == item.text
    return {"sentences": total, "read": read_, "rendered_same": same,
            "unreadable": [{"reason": r, "count": n, "example": samples[r]} for r, n in reasons.most_common()]}


def measure() -> dict:
    from ..revisions import Project
    return {"national": national(Project(ROOT)), "municipal": municipal()}


def table(result: dict) -> str:
    cases = result["national"]["cases"]
    n = len(cases)

    def total(key):
        return sum(c[key] for c in cases)

    m = result["municipal"]
    rows = [
        ("official 改め文 applied by our applier reproduces NEW (with its 目次)",
         f"{total('reproduced')} of {n} cases"),
        ("our 改め文 (generator) applied reproduces NEW", f"{total('round_trip')} of {n} cases"),
        ("our 改め文 as text, read back by the parser, reproduces NEW (with its 目次)",
         f"{sum(c['text_round_trip'] is None for c in cases)} of {n} cases"),
        ("official instruction sentences ours writes exactly", f"{total('same_sentences')} of {total('sentences')}"),
        ("provisions the official sentences touch, ours too", f"{total('same_provisions')} of {total('provisions')}"),
        ("(provision, operation kind) pairs that agree", f"{total('same_kinds')} of {total('kinds')}"),
        ("municipal sentences the parser reads",
         f"{m['read']} of {m['sentences']} ({100 * m['read'] / max(m['sentences'], 1):.1f} %)"),
        ("of those, the renderer writes back identically",
         f"{m['rendered_same']} of {m['read']} ({100 * m['rendered_same'] / max(m['read'], 1):.1f} %)"),
    ]
    width = max(len(r[0]) for r in rows)
    out = ["改め文 ground truth", *(f"  {name.ljust(width)}  {value}" for name, value in rows),
           "  per national case (sentences exact / official; provisions; kinds):"]
    for c in cases:
        out.append(f"    {c['case']:<22} {'reproduced' if c['reproduced'] else 'DIFFERS':<10} "
                   f"{c['same_sentences']}/{c['sentences']}  {c['same_provisions']}/{c['provisions']}  "
                   f"{c['same_kinds']}/{c['kinds']}")
    for c in cases:
        if c["text_round_trip"] is not None:
            first = c["text_round_trip"].splitlines()[0]
            out.append(f"    our text for {c['case']} does not read back to NEW: {first}")
    out.append("  municipal sentences not read, by reason:")
    for r in m["unreadable"]:
        out.append(f"    {r['count']:>3}  {r['reason']}  (e.g. {r['example']}…)")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    args = parser.parse_args(argv)
    result = measure()
    print(json.dumps(result, ensure_ascii=False) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
