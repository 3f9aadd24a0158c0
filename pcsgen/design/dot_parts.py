"""The pieces the drawing is made of: its colours and font, labels and attributes made
safe for DOT, and the short texts of rules and fenced hosts (the report shows them too)."""

from __future__ import annotations

import re
from html import escape
from typing import List, Mapping, NamedTuple, Optional

from pcsgen import ir

# A font with Japanese glyphs (Debian: fonts-noto-cjk); Graphviz falls back when absent.
FONT = "Noto Sans CJK JP"
PRIMITIVE_FILL = "#e8f0fe"
STONITH_FILL = "#fde7e7"
HOST_FILL = "#e0e0e0"
GROUP_FILL = "#f5f5f5"
CLONE_FILL = "#eaf6ea"
PROMOTABLE_FILL = "#fff3cd"
NOTE_FILL = "#fff8e1"
ORDER_COLOUR = "#263238"
COLOCATION_COLOUR = "#1565c0"
PREFERS_COLOUR = "#2e7d32"
AVOIDS_COLOUR = "#c62828"
RULE_COLOUR = "#ef6c00"
FENCING_COLOUR = "#b71c1c"
# Only our own values go into quoted attributes; user text only into HTML-like labels.
SAFE_VALUE = re.compile(r"[A-Za-z0-9 #%.,:=_+\-]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
LEFT = '<BR ALIGN="LEFT"/>'  # ends a left-aligned line of a box's label


def html_label(text: str) -> str:
    """TEXT as the content of an HTML-like label: markup escaped, and backslashes doubled
    because Graphviz expands escapes such as \\N even there."""
    return escape(_CONTROL.sub(" ", text).replace("\\", "\\\\"), quote=True)


def dot_attributes(values: Mapping[str, Optional[str]]) -> str:
    parts: List[str] = []
    for key, value in values.items():
        if value is None:
            continue
        if key in ("label", "xlabel"):
            parts.append(f"{key}=<{value}>")  # already built from html_label()
        else:
            if not SAFE_VALUE.fullmatch(value):
                raise ValueError(f"unsafe DOT attribute value {value!r}")
            parts.append(f'{key}="{value}"')
    return ", ".join(parts)


def small_text(text: str, colour: str = "#455a64") -> str:
    return f'<FONT POINT-SIZE="10" COLOR="{colour}">{html_label(text)}</FONT>'


class End(NamedTuple):
    """Where edges to and from a resource attach: its first and last node, and the
    box (Graphviz cluster) they are clipped at, for groups and clones."""

    first: str
    last: str
    box: Optional[str]


def pair_value(values: List[ir.NvPair], *names: str) -> Optional[str]:
    for pair in values:
        if pair.name in names:
            return pair.value
    return None


def rule_lines(rule: ir.LocationRule) -> List[str]:
    """`ping-status lt 100`, `or ping-status not_defined`: one line per expression."""
    parts = []
    for expression in rule.expressions:
        if expression.operation in ("defined", "not_defined") or expression.value is None:
            parts.append(f"{expression.attribute} {expression.operation}")
        else:
            parts.append(f"{expression.attribute} {expression.operation} {expression.value}")
    joint = rule.bool_op or "and"
    return parts[:1] + [f"{joint} {part}" for part in parts[1:]]


def rule_text(rule: ir.LocationRule) -> str:
    """`ping-status lt 100 or ping-status not_defined`."""
    return " ".join(rule_lines(rule))


def host_lists(primitive: ir.Primitive) -> List[str]:
    """The nodes a fencing device says it fences (pcmk_host_list)."""
    value = pair_value(primitive.instance_attributes, "pcmk_host_list") or ""
    return [name for name in re.split(r"[\s,;]+", value) if name]
