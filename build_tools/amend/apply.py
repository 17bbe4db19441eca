"""The applier, the oracle: operations applied to a provision tree.

Addresses name provisions as they were numbered BEFORE the amendment: each is
looked up in the old tree and followed to its copy, wherever it has moved or
however it is numbered now; a provision the amendment added is found by its
new number. The quote rule: every occurrence of the quoted words in the scope
changes, and an instruction whose words are not there — or are there another
number of times than it means — is an error naming the provision.
"""
from __future__ import annotations

from ..errors import PolicyError
from ..provisions import CONTAINER_KINDS, Provision
from .blocks import provision_of, renumbered
from .operations import (CONTENTS, TITLE, Add, Address, Append, Delete, Insert, Operation, Remove,
                         Renumber, Replace, Rewrite, Sentence, SetHeading, Shift)
from .render import HOREI, name
from .scope import spans

HINT = "改め文の改正箇所と引用した字句を、改正前の本文と照らし合わせてください"


def apply(operations, root: Provision) -> Provision:
    """A new tree: `root` (left as it is) with `operations` (Operations or
    Sentences) applied in order."""
    state = _State(root)
    for op in _flat(operations):
        state.do(op)
    return state.work


def _flat(operations):
    for item in operations:
        if isinstance(item, Sentence):
            yield from item.operations
        else:
            yield item


def copy_tree(node: Provision, parent: Provision | None = None, made: dict | None = None) -> Provision:
    twin = Provision(node.kind, node.number, node.key, node.heading, list(node.text),
                     parent=parent, section=node.section, family=node.family,
                     statute=node.statute)
    if made is not None:
        made[id(node)] = twin
    twin.children = [copy_tree(c, twin, made) for c in node.children]
    return twin


def find(root: Provision, path, index: dict | None = None) -> Provision | None:
    """`path` below `root`, as a statute writes it: articles through their
    章・節, and an article's only 項 left out (「第五条第三号」). `index`
    (a dict kept by the caller) makes repeated look-ups in a tree that does
    not change fast."""
    steps = [(k, key) for k, key in path]
    look = root.find if index is None else (lambda s: _indexed(root, s, index))
    found = look(steps)
    if found is not None or not steps:
        return found
    for i, (kind, _) in enumerate(steps[:-1]):
        if kind in ("条", "附則") and steps[i + 1][0] != "項":
            found = look(steps[:i + 1] + [("項", (1,))] + steps[i + 1:])
            if found is not None:
                return found
    return None


def _through_containers(node: Provision) -> list[Provision]:
    """The children of `node` and, inside its 編・章・節…, theirs: where a
    statute's 「第五条」 is looked for."""
    out, stack = [], node.children[::-1]
    while stack:
        c = stack.pop()
        out.append(c)
        if c.kind in CONTAINER_KINDS:
            stack += c.children[::-1]
    return out


def _indexed(root: Provision, steps, index: dict) -> Provision | None:
    """Provision.find through a table of each node's reachable children."""
    node = root
    for kind, key in steps:
        table = index.get((id(node), kind == "条"))
        if table is None:
            table = {}
            for c in (_through_containers(node) if kind == "条" else node.children):
                table.setdefault((c.kind, c.key), c)
                table.setdefault(("", c.key), c)
            index[(id(node), kind == "条")] = table
        node = table.get((kind, tuple(key)))
        if node is None:
            return None
    return node


def error(where: str, what: str) -> PolicyError:
    return PolicyError(f"{where}: {what}", hint=HINT)


class _State:
    def __init__(self, root: Provision):
        self.original = root
        self.copies: dict[int, Provision] = {}
        self.work = copy_tree(root, None, self.copies)
        self.removed: set[int] = set()
        self.journal: list[tuple[int, Provision]] = []   # copies re-pointed, to undo
        self.index: dict = {}      # the old tree's children by (kind, key), built as asked
        self.found: dict = {}      # address path -> old provision

    # --- finding ------------------------------------------------------------
    def resolve(self, target: Address) -> Provision:
        if not target.path or target.path[0][0] == TITLE:
            return self.work
        if target.path not in self.found:
            self.found[target.path] = find(self.original, target.path, self.index)
        old = self.found[target.path]
        if old is not None:
            node = self.copies[id(old)]
            if id(node) in self.removed:
                raise error(old.address() or show(target), "この規定は既に削られています")
            return node
        node = find(self.work, target.path)
        if node is None:
            raise error(show(target), "改正前の本文にこの規定がありません")
        return node

    # --- doing --------------------------------------------------------------
    def do(self, op: Operation) -> None:
        if op.target.path and op.target.path[0][0] == CONTENTS \
                and find(self.original, op.target.path, self.index) is None:
            return  # the 目次 is made from the headings; the trees do not hold it
        handler = getattr(self, "_" + op.op)
        handler(op)

    def _words(self, op, pattern: str, change) -> None:
        node = self.resolve(op.target)
        where = node.address() or show(op.target)
        if not pattern:
            raise error(where, "引用する字句が空です")
        scope = "見出し" if op.target.path and op.target.path[0][0] == TITLE else op.target.scope
        found = spans(node, scope)
        if found is None:
            raise error(where, f"この規定に{op.target.scope}がありません")
        count = sum(text[a:b].count(pattern) for _, _, text, a, b in found)
        if count == 0:
            raise error(where, f"「{pattern}」が見つかりません")
        if op.count is not None and count != op.count:
            raise error(where, f"「{pattern}」が{count}か所あります（{op.count}か所のつもりの改正です）")
        for holder, index, text, a, b in found:
            new = text[:a] + change(text[a:b]) + text[b:]
            if holder is None:
                continue
            if index is None:
                holder.heading = new
            else:
                holder.text[index] = new

    def _replace(self, op: Replace) -> None:
        self._words(op, op.old, lambda s: s.replace(op.old, op.new))

    def _delete(self, op: Delete) -> None:
        self._words(op, op.text, lambda s: s.replace(op.text, ""))

    def _insert(self, op: Insert) -> None:
        new = op.text + op.anchor if op.before else op.anchor + op.text
        self._words(op, op.anchor, lambda s: s.replace(op.anchor, new))

    def _range(self, op) -> list[Provision]:
        first = self.resolve(op.target.whole())
        last = getattr(op, "last", None)
        if last is None:
            return [first]
        end = self.resolve(last)
        siblings = first.parent.children
        if end.parent is not first.parent or siblings.index(end) < siblings.index(first):
            raise error(first.address(), f"「{show(last)}まで」の範囲を読めません")
        return siblings[siblings.index(first):siblings.index(end) + 1]

    def _rewrite(self, op: Rewrite) -> None:
        if op.target.path and op.target.path[0][0] == TITLE:
            self.work.heading = op.provisions[0].text[0] if op.provisions else ""
            return
        nodes = self._range(op)
        if op.target.scope:
            self._rewrite_part(nodes[0], op)
            return
        parent = nodes[0].parent
        at = parent.children.index(nodes[0])
        made = [provision_of(b, parent) for b in op.provisions]
        for node in nodes:
            parent.children.remove(node)
            self.removed.update(id(n) for n in node.walk())
        parent.children[at:at] = made
        for old, new in zip(nodes, made):  # later sentences may name the rewritten one
            for key, value in list(self.copies.items()):
                if value is old:
                    self.journal.append((key, value))
                    self.copies[key] = new

    def _rewrite_part(self, node: Provision, op: Rewrite) -> None:
        found = spans(node, op.target.scope)
        if not found:
            raise error(node.address(), f"この規定に{op.target.scope}がありません")
        texts = list(op.provisions[0].text) if op.provisions else [""]
        if op.provisions and op.provisions[0].kind in CONTAINER_KINDS:   # 「第二章　総則」
            texts = [op.provisions[0].heading]
        holder, index, whole, a, b = found[0]
        if index is None:
            holder.heading = "".join(texts)
        else:  # its first paragraph takes the part's place; more (a table's rows) follow it
            holder.text[index] = whole[:a] + texts[0] + whole[b:]
            holder.text[index + 1:index + 1] = texts[1:]

    def _add(self, op: Add) -> None:
        anchor = self.resolve(op.target.whole())
        if op.position == "end":
            parent = _container(anchor, op.provisions[0].kind if op.provisions else "")
            at = len(parent.children)
        else:
            parent = anchor.parent
            at = parent.children.index(anchor) + (op.position == "after")
        parent.children[at:at] = [provision_of(b, parent) for b in op.provisions]

    def _remove(self, op: Remove) -> None:
        nodes = self._range(op)
        if op.target.scope:
            found = spans(nodes[0], op.target.scope)
            if not found:
                raise error(nodes[0].address(), f"この規定に{op.target.scope}がありません")
            holder, index, whole, a, b = found[0]
            if index is None:
                holder.heading = ""
            else:
                holder.text[index] = _joined(whole[:a], whole[b:])
            return
        for node in nodes:
            node.parent.children.remove(node)
            self.removed.update(id(n) for n in node.walk())

    def _renumber(self, op: Renumber) -> None:
        node = self.resolve(op.target.whole())
        to = op.to or op.target
        written = to.numbers[-1] if len(to.numbers) == len(to.path) and to.numbers else None
        renumbered(node, to.key, written)
        if op.into is not None:
            home = self.resolve(op.into)
            node.parent.children.remove(node)
            node.parent = home
            later = [i for i, c in enumerate(home.children)
                     if c.kind == node.kind and c.key > node.key]
            home.children.insert(later[0] if later else len(home.children), node)

    def _shift(self, op: Shift) -> None:
        for node in self._range(op):
            if node.key:
                renumbered(node, (node.key[0] + op.by,) + node.key[1:])

    def _set_heading(self, op: SetHeading) -> None:
        self.resolve(op.target.whole()).heading = op.heading

    def _append(self, op: Append) -> None:
        """「同項に次のただし書を加える」: the sentence goes at the end of the
        provision's own text (before its 号)."""
        node = self.resolve(op.target.whole())
        own = spans(node, "各号列記以外の部分")
        if not own:
            raise error(node.address(), f"{op.part}を加える本文がありません")
        holder, index, whole, _, _ = own[-1]
        holder.text[index] = whole + op.text


def _container(anchor: Provision, kind: str) -> Provision:
    """Where 「第五条に次の一号を加える」 puts a 号: the article's (only, or
    last) 項; a 項 or 条 goes straight into the article or 章."""
    if anchor.kind == "条" and kind not in ("項", "") and anchor.children:
        paragraphs = [c for c in anchor.children if c.kind == "項"]
        if paragraphs:
            return paragraphs[-1]
    return anchor


def _joined(before: str, after: str) -> str:
    return before.rstrip("　 ") + after if after else before.rstrip("　 ")


def show(target: Address) -> str:
    """An address for a message, when there is no provision to name."""
    return name(target, HOREI)
