"""The words every pcs command of the script is made of: the pcs call on the
script's file, the end of options, name=value pairs and operations, quoted."""

from __future__ import annotations

from typing import List, NamedTuple

from pcsgen import ir
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.pcs.quoting import assignment, quote

PCS = 'pcs -f "${xmlfile}"'
END = "--"  # the end of pcs's options


class Command(NamedTuple):
    """One pcs command; each line after the first is a continuation."""

    lines: List[str]


class Block(NamedTuple):
    """A commented group of commands."""

    comment: str
    commands: List[Command]


def command_line(*words: str) -> str:
    return " ".join(w for w in words if w)


def pairs_words(pairs: List[ir.NvPair]) -> str:
    # pcs cannot set an empty value (to pcs, `name=` removes the name)
    return " ".join(assignment(p.name, p.value) for p in pairs if p.value)


def op_words(operation: ir.Operation, dialect: Dialect) -> str:
    words = [quote(operation.name)]
    for key, value in operation.attributes.items():
        if key == "role":
            value = dialect.role(value) or value
        words.append(assignment(key, value))
    return " ".join(words)


def clone_meta(clone: ir.Clone) -> List[ir.NvPair]:
    # `promotable` writes promotable=true itself
    return [p for p in clone.meta_attributes if not (clone.promotable and p.name == "promotable")]
