"""The 目次 sentence of a statute's 改め文 (「目次中「第六十条」を「第六十一条」に
改める。」): the provision tree holds no 目次, so its text (contents.py, as a
改め文 quotes it: entries run on) is compared on its own, its word changes
made as for any paragraph, and checked by applying them to the old 目次."""
from __future__ import annotations

from dataclasses import replace

from ..provisions import Provision
from .apply import _State
from .contents import apply_contents, contents_of
from .operations import CONTENTS, Address, Sentence
from .quotes import paragraph_ops


def contents_sentence(old_doc, new_doc) -> Sentence | None:
    """The 目次 sentence, or None: no 目次, no change, or none we can say (the
    rest of the 改め文 does not depend on it)."""
    specs = [getattr(d.source, "spec", "") if d.source is not None else "" for d in (old_doc, new_doc)]
    old, new = (contents_of(s) if s else None for s in specs)
    if old is None or new is None or old == new:
        return None
    root = Provision("文書", "", (), "")
    toc = root.add(Provision(CONTENTS, "", (), "", [old]))
    state = _State(root)
    ops = paragraph_ops(state, state.copies[id(toc)], 0, new, [Address(((CONTENTS, ()),))])
    if not ops or apply_contents(old, ops) != new:
        return None
    # A 改め文 prints the dash of a range as − where e-Gov has ― (the same dash to the applier).
    return Sentence(tuple(_dashed(op) for op in ops))


def _dashed(op):
    values = {f: getattr(op, f).replace("―", "−") for f in ("old", "new", "text", "anchor")
              if isinstance(getattr(op, f, None), str)}
    return replace(op, **values)
