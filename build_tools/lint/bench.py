"""Benchmark of `policy lint` on text nobody here wrote (`make bench`).

1. The e-Gov laws of the test corpus, unmodified, under the 法令 profile:
   law text follows the 法令 rules, so findings there are mostly false
   positives. Reported per 10,000 characters, by rule (aim: at most 1).
2. The newer version of each law with violations planted by rule (a known
   及び turned into および, している into して居る, …), each in a line of its
   own: how many the checker finds, by rule (aim: at least 90 %).
3. The time of the whole `policy lint --profile 法令` command on p5 (電気事業法).

    python -m build_tools.lint.bench [--plants N]
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter
from pathlib import Path

from ..egov import CORPUS, to_rst
from ..read import read_path
from . import lint_doctree
from .blocks import SourceFiles
from .settings import Settings

# rule -> (pattern in the law's text, replacement): a plant turns a correct
# form into the one the rule reports.
PLANTS = {
    "KY-SETSUZOKU-KANJI": (r"又は", "または"),
    "KY-SETSUZOKU-KANA": (r"ただし、", "但し、"),
    # 及び → 並びに where the paragraph has no other 及び: 並びに with nothing inside.
    "KY-SETSUZOKU-KAISO": (r"(?<=[一-龯])及び(?=[一-龯])", "並びに"),
    "KY-HOJO-DOSHI": (r"(?<=し)ている", "て居る"),
    "KY-KEISHIKI-MEISHI": (r"(?<=す)ること(?=が|を)", "る事"),
    "KY-TOKI": (r"(?<=す)るときは", "る時は"),
    "KY-KASHO": (r"(?<=[一二三四五六七八九十])月(?=以内)", "ヶ月"),
    "KY-OKURIGANA": (r"届出(?=を|が)", "届け出"),
    "KY-JOYO": (r"障害", "障碍"),
    "KY-TOUTEN": (r"(?<=[ぁ-ん])、(?=[一-龯])", "，"),
    "KY-HANKAKU-KUTOTEN": (r"(?<=[ぁ-ん])、(?=[一-龯])", ","),
    "KY-KAKKO": (r"という。）", "という）"),
}
STATUTE = Settings(profile="法令")
# 横書き rules, planted in H24 (the city's published text, 横書き): numbers, 文体.
POLICY_PLANTS = {
    "KY-SUJI-SANYO": (r"(?<=年)([1-9])(?=月)", lambda m: "〇一二三四五六七八九"[int(m.group(1))]),
    "KY-SUJI-HABA": (r"(?<=平成)23(?=年)", "２３"),
    "KY-BUNTAI": (r"(?:てきました|ています)。", lambda m: m.group().replace("てきました", "てきた")
                  .replace("ています", "ている")),
}


def _laws(newest_only: bool = False) -> list[Path]:
    found = []
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        files = sorted(folder.glob("*.xml"))
        found += files[-1:] if newest_only else files
    return found


def _lint_rst(text: str, work: Path, cache: Path):
    folder = Path(tempfile.mkdtemp(dir=work))
    (folder / "index.rst").write_text(text, encoding="utf-8")
    document = read_path(folder, cache_dir=cache)
    files = SourceFiles(folder, {"index.rst": "index.rst"})
    return lint_doctree(document.doctree, files, STATUTE, vertical=True)


def _body_lines(rst: str) -> list[int]:
    """Lines of running text (not titles, underlines, labels or comments)."""
    lines = rst.split("\n")
    keep = []
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if not line.strip() or line.startswith(".."):
            continue
        if re.fullmatch(r"[=\-~^\"'`+:.]{2,}", line.strip()) or \
                re.fullmatch(r"[=\-~^\"'`+:.]{2,}", following.strip()):
            continue
        keep.append(number)
    return keep


def plant(rst: str, per_rule: int) -> tuple[str, list[tuple[str, int, int]]]:
    """The text with plants, and each plant as (rule, line, column), 1-based.
    One plant per line, spread over the law."""
    lines = rst.split("\n")
    used, planted = set(), []
    body = _body_lines(rst)
    for rule, (pattern, replacement) in PLANTS.items():
        candidates = [n for n in body if n not in used and re.search(pattern, lines[n])
                      and (rule != "KY-SETSUZOKU-KAISO" or
                           (lines[n].count("及び") == 1 and "並びに" not in lines[n]))]
        step = max(1, len(candidates) // per_rule) if candidates else 1
        for number in candidates[::step][:per_rule]:
            match = re.search(pattern, lines[number])
            lines[number] = lines[number][:match.start()] + replacement + lines[number][match.end():]
            used.add(number)
            planted.append((rule, number + 1, match.start() + 1))
    return "\n".join(lines), planted


def _found(findings, file, rule, line, column) -> bool:
    """A finding of `rule` at the plant (a few characters either side)."""
    return any(f.rule == rule and f.line == line and f.file.endswith(file)
               and f.column is not None and abs(f.column - column) <= 6 for f in findings)


def _policy_plants(planted_by, found_by, missed, work: Path, cache: Path, per_rule: int):
    """Plants of the 横書き rules in H24's chapters (at its commit)."""
    from ..revisions import Project
    from . import lint_folder
    project = Project.find(Path(__file__).resolve().parents[2])
    rev = project.revision("H24")
    src = project.export_source(rev.commit, work / "h24" / "source", revision=rev)
    plants = []
    for rule, (pattern, replacement) in POLICY_PLANTS.items():
        count = 0
        for path in sorted(src.glob("*.rst")):
            lines = path.read_text(encoding="utf-8").split("\n")
            for number, line in enumerate(lines):
                match = re.search(pattern, line)
                # The 文体 rule reports the style fewer sentences use: plant few.
                limit = min(per_rule, 3) if rule == "KY-BUNTAI" else per_rule
                if match and count < limit and not line.startswith(".."):
                    new = replacement(match) if callable(replacement) else replacement
                    lines[number] = line[:match.start()] + new + line[match.end():]
                    plants.append((rule, path.name, number + 1, match.start() + 1))
                    count += 1
            path.write_text("\n".join(lines), encoding="utf-8")
    findings = lint_folder(src, Settings(), cache_dir=cache).findings
    for rule, name, line, column in plants:
        planted_by[rule] += 1
        if _found(findings, name, rule, line, column):
            found_by[rule] += 1
        else:
            missed.append(f"H24:{name}:{line}:{column} {rule}")


def run(per_rule: int = 8) -> dict:
    import time
    with tempfile.TemporaryDirectory(prefix="lint-bench-") as tmp:
        work, cache = Path(tmp), Path(tmp) / "cache"
        by_rule, characters, per_law = Counter(), 0, {}
        for xml in _laws():
            findings, size = _lint_rst(to_rst(xml), work, cache)
            by_rule.update(f.rule for f in findings)
            characters += size
            per_law[f"{xml.parent.name}/{xml.name}"] = len(findings)
        planted_by, found_by, missed = Counter(), Counter(), []
        for xml in _laws(newest_only=True):
            text, plants = plant(to_rst(xml), per_rule)
            findings, _ = _lint_rst(text, work, cache)
            for rule, line, column in plants:
                planted_by[rule] += 1
                if _found(findings, "index.rst", rule, line, column):
                    found_by[rule] += 1
                else:
                    missed.append(f"{xml.parent.name}:{line}:{column} {rule}")
        _policy_plants(planted_by, found_by, missed, work, cache, per_rule)
        start = time.perf_counter()
        p5 = _laws(newest_only=True)[4]
        _lint_rst(to_rst(p5), work, cache)
        warm = time.perf_counter() - start
    return {
        "characters": characters,
        "findings_per_10k": {r: round(n * 10_000 / characters, 3) for r, n in by_rule.items()},
        "findings_per_10k_total": round(sum(by_rule.values()) * 10_000 / characters, 3),
        "findings_per_law": per_law,
        "planted": dict(planted_by), "found": dict(found_by),
        "recall": {r: round(found_by[r] / planted_by[r], 3) for r in planted_by},
        "missed": missed[:40],
        "p5_in_process_s": round(warm, 3),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.lint.bench")
    parser.add_argument("--plants", type=int, default=8, help="plants per rule and law")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.plants), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
