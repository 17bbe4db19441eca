"""`policy comments ID --check`: do the records agree with the text?

Errors (publication refuses): an opinion without a response, a section or
changed section the revision's text does not have, a change claimed by an
opinion that the 新旧対照表 案→決定版 does not show, a category that changes
the draft without a changed section (or the reverse), a date outside the
period, personal data in published text, and likely personal names that
staff have neither masked nor marked as not personal (`[[not_personal]]`).

Notices (reported, not fatal): change claims that cannot be verified
because the draft's text is not in git (no `draft_ref`), which is the case
of H24: only the adopted text was ever committed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Section
from ..read import read
from . import privacy
from .model import Consultation


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    sections: dict[str, Section] = field(default_factory=dict)
    # changed section label -> anchor of its row in the 新旧対照表 案→決定版
    change_rows: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def check(project, consultation: Consultation, *, cache_dir=None,
          personal_data: bool = True) -> Report:
    """Every problem of the records; `personal_data=False` when the caller
    masks personal data anyway."""
    c = consultation
    report = Report()
    file = c.opinions_file
    report.sections = sections = read(project, c.revision.id, cache_dir=cache_dir).labelled()
    start, end = c.period
    for op in c.opinions:
        at = f"{file}:{op.line}: 番号 {op.number}"
        category = c.categories.get(op.category)
        if not op.response and not op.count_only:
            report.errors.append(f"{at}: 市の考え方がありません")
        if op.section and op.section not in sections:
            report.errors.append(f"{at}: 該当箇所 '{op.section}' は {c.revision.id} の本文にありません"
                                 f"（ある箇所: {', '.join(sections)}）")
        if op.changed_section and op.changed_section not in sections:
            report.errors.append(f"{at}: 修正箇所 '{op.changed_section}' は {c.revision.id} の本文に"
                                 "ありません")
        if category.changes_draft and not op.changed_section:
            report.errors.append(f"{at}: 区分 {category.code}（{category.label}）には修正箇所が必要です")
        if op.changed_section and not category.changes_draft:
            report.errors.append(f"{at}: 区分 {category.code} は案を修正しない区分ですが、"
                                 f"修正箇所 '{op.changed_section}' が書かれています")
        if not start <= op.received <= end:
            report.errors.append(f"{at}: 受付日 {op.received.isoformat()} が募集期間"
                                 f"（{start.isoformat()}〜{end.isoformat()}）の外です")
    if personal_data:
        report.errors.extend(privacy.scan(c.opinions, file))
        report.errors.extend(privacy.names(c.opinions, file, c.not_personal))
    numbers = {op.number for op in c.opinions}
    for number, text in c.not_personal:
        if number not in numbers:
            report.errors.append(f"{c.file}: [[not_personal]] の意見の番号 {number}（「{text}」）は"
                                 "意見の記録にありません")
    _check_changes(project, c, report)
    return report


def _check_changes(project, c: Consultation, report: Report) -> None:
    claims = [op for op in c.opinions if op.changed_section and op.changed_section in report.sections]
    if not claims:
        return
    if not c.draft_ref:
        numbers = "、".join(str(op.number) for op in claims)
        report.notices.append(
            f"{c.file}: 案の本文（draft_ref）が記録されていないため、案を修正したとする意見"
            f"（番号 {numbers}）を新旧対照表と照合できません。修正箇所が本文にあることだけを確認しました")
        return
    from ..diff import compare_refs
    comparison = compare_refs(project, c.draft_ref, c.revision.commit)
    changed = {}
    for row in comparison.rows:
        if row.kind == "unchanged":
            continue
        for label in (row.new_label, row.old_label):
            if label:
                changed.setdefault(label, row.anchor)
    for op in claims:
        if op.changed_section in changed:
            report.change_rows[op.changed_section] = changed[op.changed_section]
        else:
            report.errors.append(
                f"{c.opinions_file}:{op.line}: 番号 {op.number}: 修正箇所 '{op.changed_section}' は"
                f"案（{c.draft_ref[:7]}）から {c.revision.id} への新旧対照表で変更されていません")
