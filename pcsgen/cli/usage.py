"""Usage errors (an unknown option, a missing argument, a value not among the choices)
as pcsgen's own messages, in the user's language, with exit status 1."""

import re
import sys
from typing import Any, List, NoReturn, Set

from pcsgen.cli.argv import language_of
from pcsgen.cli.output import print_diagnostics
from pcsgen.diagnostics import Diagnostics


def kinds(exc: BaseException) -> Set[str]:
    """The names of EXC's classes. typer raises click's exceptions, or since 0.25 those
    of the copy of click it carries: they are told apart by name, as both name them."""
    return {kind.__name__ for kind in type(exc).__mro__}


def usage_diagnostic(exc: Any, argv: List[str]) -> Diagnostics:
    """A usage error as pcsgen's own message."""
    diagnostics = Diagnostics()
    found = kinds(exc)
    param = getattr(exc, "param", None)
    name = _param_name(param)
    choices = getattr(getattr(param, "type", None), "choices", None)
    if "NoSuchOption" in found:
        diagnostics.error(
            "PG540",
            None,
            option=exc.option_name,
            hint=did_you_mean(list(exc.possibilities or [])[:1]),
        )
    elif "MissingParameter" in found:
        diagnostics.error("PG542", None, name=name or getattr(exc, "param_type", "") or "")
    elif "BadParameter" in found and param is not None and param.name == "target":
        from pcsgen.cli.parameters import target_names

        diagnostics.error(
            "PG509", None, value=_given_value(param, argv), allowed=", ".join(target_names())
        )
    elif "BadParameter" in found and param is not None and choices:
        value = _given_value(param, argv)
        allowed = ", ".join(str(getattr(choice, "value", choice)) for choice in choices)
        diagnostics.error("PG541", None, option=name, value=value, allowed=allowed)
    elif _EXTRA.match(exc.format_message()) is not None:
        extra = _EXTRA.match(exc.format_message())
        diagnostics.error("PG545", None, words=extra.group(1) if extra else "")
    else:
        diagnostics.error("PG543", None, reason=exc.format_message())
    return diagnostics


# click's words for arguments left over (7.x and 8.x)
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)$")


def _param_name(param: Any) -> str:
    if param is None:
        return ""
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")] or list(
        getattr(param, "opts", [])
    )
    if getattr(param, "param_type_name", "") == "argument":
        return (param.human_readable_name or param.name or "").upper()
    return opts[0] if opts else (param.name or "")


def _given_value(param: Any, argv: List[str]) -> str:
    """The value the user gave PARAM, as typed."""
    for index, word in enumerate(argv):
        for opt in param.opts:
            if word == opt and index + 1 < len(argv):
                return argv[index + 1]
            if word.startswith(opt + "="):
                return word[len(opt) + 1 :]
            if (
                len(opt) == 2
                and not opt.startswith("--")
                and word.startswith(opt)
                and len(word) > 2
            ):
                return word[2:]
    return ""


def did_you_mean(candidates: List[str]) -> Any:
    from pcsgen.diagnostics.phrase import Phrase

    return Phrase("did_you_mean", {"name": " / ".join(candidates)}) if candidates else ""


def fail_usage(diagnostics: Diagnostics, argv: List[str]) -> NoReturn:
    """Print a usage error in the language ARGV asks for; exit 1."""
    print_diagnostics(diagnostics, language_of(argv))
    sys.exit(1)
