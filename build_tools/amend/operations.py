"""The operations of a 改め文: what one instruction sentence does to the old text.

Every operation names its target by an `Address`: a path of (kind, key) steps
— the provision model's kinds (章, 条, 項, 号, 細分1 …, 附則, 別表, and "" for
our policy's numbered headings) and normalised numbers (第三条の二 → (3, 2)) —
as the old text is numbered BEFORE the amendment, plus an optional scope inside
that provision (見出し, ただし書, 各号列記以外の部分 …). A statute addresses an
article without its 章 (「第五条第二項」), and the first 項 of an article with
only one may be left out (「第五条第三号」); the applier resolves both.

Operations are frozen dataclasses with a JSON form (`to_json`, `from_json`),
because `policy apply --parse -f json` prints them.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

Step = tuple[str, tuple[int, ...]]

# Scopes inside a provision an instruction may name (「第五条ただし書中」).
# 見出し is an article's 見出し, or the 章名・節名 of a 章・節; 前の見出し the
# heading shared by it and the provisions after it (「附則第三項の前の見出し」);
# 各号 all its 号 at once (「同条各号を削り」, 「同項各号を次のように改める」).
SCOPES = ("", "見出し", "ただし書", "本文", "前段", "後段", "各号列記以外の部分", "表", "前の見出し", "各号")
# Parts of a document that are not numbered provisions.
TITLE = "題名"
CONTENTS = "目次"


@dataclass(frozen=True)
class Address:
    """A provision as numbered before the amendment, and a part of it."""

    path: tuple[Step, ...]
    scope: str = ""
    # The numbers as the document writes them (「2」「(1)」「ア」), step by step,
    # when known: a policy is addressed by its own numbering. Not compared.
    numbers: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self):
        if self.scope not in SCOPES:
            raise ValueError(f"unknown scope {self.scope!r}")
        object.__setattr__(self, "path", tuple((str(k), tuple(int(n) for n in key))
                                               for k, key in self.path))

    @property
    def kind(self) -> str:
        return self.path[-1][0] if self.path else ""

    @property
    def key(self) -> tuple[int, ...]:
        return self.path[-1][1] if self.path else ()

    def parent(self) -> "Address":
        return Address(self.path[:-1], "", self.numbers[:len(self.path) - 1])

    def child(self, kind: str, key: tuple[int, ...], number: str = "") -> "Address":
        numbers = self.numbers + (number,) if self.numbers and number else ()
        return Address(self.path + ((kind, tuple(key)),), "", numbers)

    def whole(self) -> "Address":
        """The provision itself, without a scope."""
        return Address(self.path, "", self.numbers)

    def within(self, scope: str) -> "Address":
        return Address(self.path, scope, self.numbers)

    def to_json(self) -> dict:
        out: dict[str, Any] = {"path": [[kind, list(key)] for kind, key in self.path]}
        if self.scope:
            out["scope"] = self.scope
        if self.numbers:
            out["numbers"] = list(self.numbers)
        return out

    @classmethod
    def from_json(cls, data: dict) -> "Address":
        return cls(tuple((kind, tuple(key)) for kind, key in data["path"]), data.get("scope", ""),
                   tuple(data.get("numbers", ())))


def address(*steps: Step, scope: str = "", numbers: tuple[str, ...] = ()) -> Address:
    """address(("条", (5,)), ("項", (2,))) — shorthand for tests and callers."""
    return Address(tuple(steps), scope, tuple(numbers))


@dataclass(frozen=True)
class Block:
    """A provision written out in full (an added or rewritten 条・項・号 …):
    its number as written in the new text, its key, 見出し, own paragraphs
    and children."""

    kind: str
    number: str = ""
    key: tuple[int, ...] = ()
    heading: str = ""
    text: tuple[str, ...] = ()
    children: tuple["Block", ...] = ()

    def to_json(self) -> dict:
        out: dict[str, Any] = {"kind": self.kind, "number": self.number, "key": list(self.key)}
        if self.heading:
            out["heading"] = self.heading
        out["text"] = list(self.text)
        if self.children:
            out["children"] = [c.to_json() for c in self.children]
        return out

    @classmethod
    def from_json(cls, data: dict) -> "Block":
        return cls(data["kind"], data.get("number", ""), tuple(data.get("key", ())),
                   data.get("heading", ""), tuple(data.get("text", ())),
                   tuple(cls.from_json(c) for c in data.get("children", ())))


_KINDS: dict[str, type["Operation"]] = {}


@dataclass(frozen=True)
class Operation:
    """One change. `op` names the kind in JSON."""

    op: ClassVar[str] = ""
    target: Address

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _KINDS[cls.op] = cls

    def to_json(self) -> dict:
        out: dict[str, Any] = {"op": self.op}
        for f in fields(self):
            out[f.name] = _json_value(getattr(self, f.name))
        return out

    @staticmethod
    def from_json(data: dict) -> "Operation":
        try:
            cls = _KINDS[data["op"]]
        except KeyError:
            raise ValueError(f"unknown operation {data.get('op')!r}") from None
        values = {}
        for f in fields(cls):
            if f.name in data:
                values[f.name] = _from_json_value(f.name, data[f.name])
        return cls(**values)


def _json_value(value):
    if isinstance(value, (Address, Block)):
        return value.to_json()
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


def _from_json_value(name: str, value):
    if name in ("target", "last", "to", "into") and value is not None:
        return Address.from_json(value)
    if name == "targets":
        return tuple(Address.from_json(v) for v in value)
    if name == "provisions":
        return tuple(Block.from_json(v) for v in value)
    return value


# --- words inside a provision ---------------------------------------------------

@dataclass(frozen=True)
class Replace(Operation):
    """「X中「old」を「new」に改める」: every `old` in the scope. `count` is how
    many occurrences are meant (None: as many as there are, at least one)."""

    op: ClassVar[str] = "replace"
    old: str = ""
    new: str = ""
    count: int | None = None


@dataclass(frozen=True)
class Delete(Operation):
    """「X中「text」を削る」."""

    op: ClassVar[str] = "delete"
    text: str = ""
    count: int | None = None


@dataclass(frozen=True)
class Insert(Operation):
    """「X中「anchor」の次に（の下に）「text」を加える」; `before` for 「の上に」."""

    op: ClassVar[str] = "insert"
    anchor: str = ""
    text: str = ""
    count: int | None = None
    before: bool = False


# --- whole provisions -------------------------------------------------------------

@dataclass(frozen=True)
class Rewrite(Operation):
    """「第N条を次のように改める」 with the new text in full. `last` makes it a
    range (「第二条及び第三条を次のように改める」 when adjacent: targets from
    `target` to `last`). With a scope (後段, ただし書) the one Block holds the new
    text of that part only."""

    op: ClassVar[str] = "rewrite"
    provisions: tuple[Block, ...] = ()
    last: Address | None = None


@dataclass(frozen=True)
class Add(Operation):
    """「第N条に次の一項を加える」 (position "end": at the end of the target),
    「第N条第M項の次に次の一項を加える」 ("after"), 「第一条の前に次の一条を加える」
    ("before"). The provisions carry their new numbers."""

    op: ClassVar[str] = "add"
    provisions: tuple[Block, ...] = ()
    position: str = "after"

    def __post_init__(self):
        if self.position not in ("after", "end", "before"):
            raise ValueError(f"unknown position {self.position!r}")


@dataclass(frozen=True)
class Remove(Operation):
    """「第N条第M号を削る」; `last` for a range (「第四条から第六条までを削る」).
    With a scope (後段, ただし書) only that part goes."""

    op: ClassVar[str] = "remove"
    last: Address | None = None


@dataclass(frozen=True)
class Renumber(Operation):
    """「第N条を第M条とする」: `to` is the provision's new address (its kind and
    number; the last step is what changes). `into` names a new container for a
    章・節 move (「…を第三章中第十条とする」)."""

    op: ClassVar[str] = "renumber"
    to: Address | None = None
    into: Address | None = None


@dataclass(frozen=True)
class Shift(Operation):
    """「第十条から第十五条までを一条ずつ繰り下げる」 (by > 0) or 繰り上げる (by < 0):
    every provision of the target's kind from `target` to `last`."""

    op: ClassVar[str] = "shift"
    last: Address | None = None
    by: int = 1


@dataclass(frozen=True)
class SetHeading(Operation):
    """「第N条の見出しを「（X）」に改める」, 「第N条に見出しとして「（X）」を付する」
    (`attach`), or 「第N条の見出しを削る」 (heading "")."""

    op: ClassVar[str] = "set_heading"
    heading: str = ""
    attach: bool = False


@dataclass(frozen=True)
class Append(Operation):
    """「第N条第M項に次のただし書を加える」, 「同項に後段として次のように加える」: a
    sentence added at the end of the provision's own text as its `part`
    (ただし書, 後段, 前段)."""

    op: ClassVar[str] = "append"
    text: str = ""
    part: str = "ただし書"


OPERATION_KINDS: tuple[type[Operation], ...] = tuple(_KINDS.values())
WORD_OPERATIONS = (Replace, Delete, Insert)


@dataclass(frozen=True)
class Sentence:
    """One instruction sentence: its operations in the order they are written."""

    operations: tuple[Operation, ...] = field(default_factory=tuple)

    def to_json(self) -> list[dict]:
        return [op.to_json() for op in self.operations]

    @classmethod
    def from_json(cls, data: list[dict]) -> "Sentence":
        return cls(tuple(Operation.from_json(d) for d in data))
