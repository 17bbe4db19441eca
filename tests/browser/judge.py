"""What counts as a failure in an `audit.js` result, one list per check.

The same judgement is applied to the site's pages (which must give no
finding) and to the fixture page with known violations (which must give a
finding in every check), so a check that cannot fail is caught.
"""
from __future__ import annotations

CHECKS = ("axe", "lang", "title", "headings", "th_scope", "link_text", "focus",
          "zoom_200", "phone", "phone_columns")


def findings(result: dict) -> dict[str, list[str]]:
    review = result["review"]
    found = {check: [] for check in CHECKS}
    for v in result["axe"]:
        found["axe"].append(f"{v['id']}（{v['impact']}）: {v['help']} — {', '.join(v['nodes'])}")
    if not (review["lang"] == "ja" or review["lang"].startswith("ja-")):
        found["lang"].append(f"html の lang が「{review['lang']}」です（ja にしてください）")
    if not review["title"]:
        found["title"].append("title がありません")
    if review["h1Count"] != 1:
        found["headings"].append(f"h1 が {review['h1Count']} 個あります（1 個にしてください）")
    found["headings"] += review["headingGaps"]
    found["th_scope"] += review["thWithoutScope"]
    found["link_text"] += review["badLinks"]
    focus = review["focus"]
    found["focus"] += focus["problems"]
    first = focus["first"]
    if not first or first["text"] != "本文へ移動" or not first["targetExists"]:
        found["focus"].append(f"最初の Tab で「本文へ移動」リンクに移りません（{first}）")
    found["zoom_200"] += review["reflow200"]
    found["phone"] += review["reflowPhone"]
    found["phone_columns"] += review["columnsPhone"]
    return found


def report(results: dict[str, dict], check: str) -> str:
    """Failures of one check over many pages, for an assertion message."""
    lines = []
    for page, result in sorted(results.items()):
        for problem in findings(result)[check]:
            lines.append(f"{page}: {problem}")
    return "\n".join(lines)
