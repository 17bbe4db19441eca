"""ハネ改正 check: a reference the new text kept from the old one that now
means another provision.

An amendment that renumbers or restructures provisions changes what
「第五条」, 「前条」, 「前項」, 「前二項」 elsewhere point to; those references
must be amended in the same 改め文 (公職選挙法 平成30年法律第75号 missed one).
For every reference the new text has unchanged from the old (the same words
in the provision's old text), its target is found in the old tree from the
old provision and in the new tree from the new one: when the two are not the
same provision, or the article referred to has gained 項 (so 「第五条」 now
takes in a new 第五条第二項), it is reported with both provisions named.
"""
from __future__ import annotations

import re

from ..provisions import ARTICLE, Provision, heading_key, number_value
from .apply import find
from .generate import changed_share

REWRITTEN = 0.5

_NUM = r"[一二三四五六七八九十百千〇0-9０-９]+"
_ABSOLUTE = re.compile(
    rf"(?<![法令則同])第(?P<article>{_NUM}条(?:の{_NUM})*)(?:第(?P<paragraph>{_NUM})項)?"
    rf"(?:第(?P<item>{_NUM})号)?")
_RELATIVE = re.compile(r"(?P<dir>前|次)(?P<count>[二三四五六七八九]?)(?P<unit>条|項|号)")


def warnings_for(result) -> list[str]:
    """The ハネ warnings of an Amendment (its old and new trees and pairs)."""
    return [] if result.whole else check(result.old, result.new, result.pairs)


def check_documents(old_doc, new_doc) -> list[str]:
    """The ハネ warnings of two documents (`policy diff`)."""
    from ..provisions import provisions_of
    from .pairs import pair
    old, new = provisions_of(old_doc), provisions_of(new_doc)
    return check(old, new, pair(old_doc, new_doc, old, new))


def check(old: Provision, new: Provision, pairs: dict[int, Provision]) -> list[str]:
    back = {id(n): o for o in old.walk() for n in [pairs.get(id(o))] if n is not None}
    old_articles = [p for p in old.walk() if p.kind == ARTICLE]
    new_articles = [p for p in new.walk() if p.kind == ARTICLE]
    found: list[str] = []
    for n in new.walk():
        o = back.get(id(n))
        if o is None or not n.text:
            continue
        before = "\n".join(o.text)
        for text in n.text:
            if changed_share(before, text) > REWRITTEN:
                continue   # written afresh: its references are the new text's own
            for ref, target_old, target_new in _references(text, before, o, n, old, new,
                                                           old_articles, new_articles):
                message = _verdict(n, ref, target_old, target_new, pairs)
                if message and message not in found:
                    found.append(message)
    return found


def _references(text, before, o, n, old, new, old_articles, new_articles):
    for match in _ABSOLUTE.finditer(text):
        ref = match.group(0)
        if ref not in before:
            continue
        path = _path(match)
        if path is None:
            continue
        yield ref, find(old, path), find(new, path)
    for match in _RELATIVE.finditer(text):
        ref = match.group(0)
        if ref not in before or text[match.end():match.end() + 1] in ("段", "各"):
            continue
        count = number_value(match.group("count")) if match.group("count") else 1
        sign = -1 if match.group("dir") == "前" else 1
        unit = match.group("unit")
        yield ref, _relative(o, unit, sign, count, old_articles), \
            _relative(n, unit, sign, count, new_articles)


def _path(match) -> list | None:
    key = heading_key("第" + match.group("article"))
    if not key:
        return None
    path = [("条", key)]
    if match.group("paragraph"):
        path.append(("項", (number_value(match.group("paragraph")),)))
    if match.group("item"):
        path.append(("号", (number_value(match.group("item")),)))
    return path


def _relative(node: Provision, unit: str, sign: int, count: int, articles) -> list | None:
    """The provisions 「前条」「前二項」「次号」 name from `node`, or None."""
    kinds = {"条": ARTICLE, "項": "項", "号": "号"}
    holder = node
    while holder is not None and holder.kind != kinds[unit]:
        holder = holder.parent
    if holder is None:
        return None
    siblings = articles if unit == "条" else [c for c in holder.parent.children
                                              if c.kind == holder.kind]
    at = next((i for i, s in enumerate(siblings) if s is holder), None)
    if at is None:
        return None
    picked = [at + sign * k for k in range(1, count + 1)]
    if any(not 0 <= i < len(siblings) for i in picked):
        return None
    return [siblings[i] for i in sorted(picked)]


def _verdict(where: Provision, ref: str, target_old, target_new, pairs) -> str | None:
    olds = target_old if isinstance(target_old, list) else [target_old] if target_old else []
    news = target_new if isinstance(target_new, list) else [target_new] if target_new else []
    if not olds:
        return None
    partners = [pairs.get(id(t)) for t in olds]
    if partners != news:
        meant = "、".join(p.address() if p is not None else "（削られた規定）" for p in partners)
        now = "、".join(t.address() for t in news) or "存在しない規定"
        return (f"ハネ改正の確認: {where.address()}の「{ref}」は、改正前は"
                f"{'、'.join(t.address() for t in olds)}を指していましたが、改正後は{now}を指します"
                f"（改正前の規定は改正後の{meant}）。対処: 「{ref}」を改めるか、意図どおりか確かめてください")
    for t, p in zip(olds, partners):
        if t.kind == ARTICLE and not any(c.kind == "項" for c in t.children[1:]) \
                and sum(1 for c in p.children if c.kind == "項") > 1 and "項" not in ref:
            first = next(c for c in p.children if c.kind == "項")
            return (f"ハネ改正の確認: {where.address()}の「{ref}」が指す{p.address()}に項が加えられ、"
                    f"改正前の{t.address()}の規定は改正後の{first.address()}になりました。"
                    f"対処: 加えられた項を含めない意図なら「{first.address()}」に改めてください")
    return None
