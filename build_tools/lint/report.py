"""How findings are reported: lines for a person (`file:line:column: rule:
message → suggestion`), JSON for scripts, SARIF 2.1.0 for code-review tools.
These are reports of the checker, not documents: no writer renders them."""
from __future__ import annotations

import json
import re

from .rules import ERROR, INFO, LEVEL_NAMES, RULES, WARNING

REPORTS = ("text", "json", "sarif")
_SARIF_LEVEL = {ERROR: "error", WARNING: "warning", INFO: "note"}


def summary(results) -> str:
    """One line: how many findings, by level (for build and preview too)."""
    findings = [f for r in results for f in r.findings]
    if not findings:
        return "公用文チェック: 指摘はありません"
    by_level = "、".join(f"{LEVEL_NAMES[level]} {n}" for level in (ERROR, WARNING, INFO)
                        if (n := sum(f.level == level for f in findings)))
    adopted = [r.name for r in results if r.adopted and r.findings]
    note = f"（{'・'.join(adopted)} は決定済みの版のため失敗にしません）" if adopted else ""
    return f"公用文チェック: 指摘 {len(findings)} 件（{by_level}）{note}"


def as_text(results) -> str:
    lines = [f.line_text() for r in results for f in r.findings]
    return "\n".join([*lines, summary(results)])


def as_json(results) -> str:
    return json.dumps([f.as_dict() for r in results for f in r.findings],
                      ensure_ascii=False, indent=1)


def as_sarif(results) -> str:
    used = sorted({f.rule for r in results for f in r.findings})
    rules = [{"id": rule_id, "name": rule_id,
              "shortDescription": {"text": RULES[rule_id].title},
              "fullDescription": {"text": f"{RULES[rule_id].title}（{RULES[rule_id].source}）"},
              "help": {"text": f"誤: {RULES[rule_id].bad} → 正: {RULES[rule_id].good}"},
              "defaultConfiguration": {"level": _SARIF_LEVEL[RULES[rule_id].level]}}
             for rule_id in used]
    out = []
    for result in results:
        for finding in result.findings:
            region = {}
            if finding.line:
                region["startLine"] = finding.line
                if finding.column:
                    region["startColumn"] = finding.column
                    region["endColumn"] = finding.column + max(1, len(finding.text))
            # A revision's text is shown as 「H24:source/…」: the path is after the id.
            revision, _, path = finding.file.rpartition(":") if result.adopted or \
                re.match(r"^[^/:]+:source/", finding.file) else ("", "", finding.file)
            location = {"physicalLocation": {
                "artifactLocation": {"uri": path.replace("\\", "/")},
                **({"region": region} if region else {})}}
            if revision:
                location["properties"] = {"revision": revision}
            if finding.provision:
                location["logicalLocations"] = [{"name": finding.provision, "kind": "provision"}]
            out.append({"ruleId": finding.rule, "ruleIndex": used.index(finding.rule),
                        "level": _SARIF_LEVEL[finding.level],
                        "message": {"text": f"{finding.message} → {finding.suggestion}"},
                        "locations": [location],
                        **({"baselineState": "unchanged"} if result.adopted else {})})
    return json.dumps({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "policy lint", "rules": rules}},
                  "columnKind": "unicodeCodePoints", "results": out}]},
        ensure_ascii=False, indent=1)


RENDER = {"text": as_text, "json": as_json, "sarif": as_sarif}
