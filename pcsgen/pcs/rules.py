"""How pcs reads the words of a rule: pcs 0.10 and 0.11 read them with a parser of
their own (its keywords and parentheses are not values); pcs 0.12 parses the rule as
one text with no quoting (no space, no parenthesis, no type keyword as a value).
Each check answers why pcs would read a word otherwise than written, or None."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterator, Optional, Tuple

from pcsgen.diagnostics.phrase import Phrase
from pcsgen.pcs.arguments import WAIT

if TYPE_CHECKING:
    from pcsgen.cib.element import Element

# the symbols of the rule parser of pcs 0.10 and 0.11 (pcs/rule.py)
WORD_RULE_KEYWORDS = frozenset(
    {
        "eq",
        "ne",
        "lt",
        "gt",
        "lte",
        "gte",
        "in_range",
        "to",
        "defined",
        "not_defined",
        "string",
        "integer",
        "number",
        "version",
        "date-spec",
        "duration",
        "and",
        "or",
    }
)
# pcs's rule parser (pcs/lib/cib/rule/parser.py; pcs 0.12's location rules, every
# generation's defaults rules): a value is [^\s()]+, with no quoting; keywords caseless
TEXT_RULE_TOKEN = re.compile(r"[^\s()]+")
_TEXT_RULE_TYPE = re.compile(r"(integer|number|string|version)(?![A-Za-z0-9_$])", re.I)
DATE_OPERATIONS = frozenset({"lt", "gt"})


def word_rule_problem(text: str, is_attribute: bool, operation: str) -> Optional[Phrase]:
    """pcs 0.10 and 0.11: the rule's words."""
    if "(" in text or ")" in text:
        return Phrase("why_rule_parentheses")
    if text in WORD_RULE_KEYWORDS:
        return Phrase("why_rule_keyword")
    if text.startswith(WAIT + "="):
        return Phrase("why_pcs_wait", {"wait": WAIT})
    if is_attribute and "=" in text:
        return Phrase("why_rule_option")
    if is_attribute and text == "date" and operation in DATE_OPERATIONS:
        return Phrase("why_rule_date")
    return None


def text_rule_problem(text: str, is_attribute: bool, operation: str) -> Optional[Phrase]:
    """pcs 0.12: the rule as one text."""
    if not TEXT_RULE_TOKEN.fullmatch(text):
        return Phrase("why_rule_text")
    if is_attribute and "=" in text:
        return Phrase("why_rule_option")
    if not is_attribute and _TEXT_RULE_TYPE.match(text):
        return Phrase("why_rule_type")
    if is_attribute and text.lower() == "date" and operation in DATE_OPERATIONS:
        return Phrase("why_rule_date")
    return None


def rule_check(as_one_argument: bool) -> Callable[[str, bool, str], Optional[Phrase]]:
    """How the generation's pcs reads a rule's words: as one text (pcs 0.12) or word by
    word."""
    return text_rule_problem if as_one_argument else word_rule_problem


def rule_problem(
    rule: Element, as_one_argument: bool, resolve: Callable[[Element], Optional[Element]]
) -> Optional[Tuple[str, Phrase]]:
    """(the word, why) when pcs would read a word of this rule's expressions (those of
    the rules it holds or names by id-ref included) as something else than written (a
    keyword, a parenthesis ...); None if it reads them all as written. As the compile
    checks a LOCATION_RULE row."""
    check = rule_check(as_one_argument)
    for expression in _expressions(rule, resolve):
        operation = expression.get("operation", "")
        words = [(expression.get("attribute", ""), True)]
        if expression.get("value") is not None and operation not in ("defined", "not_defined"):
            words.append((expression.get("value", ""), False))
        for text, is_attribute in words:
            problem = check(text, is_attribute, operation)
            if problem is not None:
                return text, problem
    return None


def _expressions(
    rule: Element, resolve: Callable[[Element], Optional[Element]]
) -> Iterator[Element]:
    # resolve (the CIB's Context) reads no rule that holds itself, nests too deep or is
    # too large, so this ends, within a bounded depth and size
    for child in rule:
        if child.tag == "expression":
            yield child
        elif child.tag == "rule":
            resolved = resolve(child)
            if resolved is not None:
                yield from _expressions(resolved, resolve)


def rule_value_problem(value: str, as_one_argument: bool) -> Optional[Phrase]:
    """Why pcs would not read this value of a rule's comparison as written, or None."""
    return rule_check(as_one_argument)(value, False, "eq")
