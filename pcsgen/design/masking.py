"""What the design report hides: the values of secret parameters and variables,
in values, in pcs command lines and in the drawing."""

from __future__ import annotations

import re
from typing import Iterable

from pcsgen.secrets import MASK, is_secret_name

_ASSIGNMENT = re.compile(r"""(?P<name>[\w.-]+)=(?P<value>'[^']*'|"[^"]*"|\S+)""")


class Masker:
    """Secrets out: values of parameters named like secrets, of parameters an agent's
    metadata flags, and every value of a secret variable wherever it appears."""

    def __init__(self, secrets: Iterable[str]) -> None:
        # longest first, so that a secret holding another is masked whole
        self.values = sorted((s for s in secrets if s), key=len, reverse=True)

    def text(self, value: str) -> str:
        for secret in self.values:
            value = value.replace(secret, MASK)
        return value

    def value(self, name: str, value: str, flagged: bool = False) -> str:
        if value and (flagged or is_secret_name(name)):
            return MASK
        return self.text(value)

    def command(self, text: str) -> str:
        """A pcs command line with the values of secret-named options masked."""

        def replace(match: re.Match[str]) -> str:
            return (
                f"{match.group('name')}={MASK}"
                if is_secret_name(match.group("name"))
                else match.group(0)
            )

        return self.text(_ASSIGNMENT.sub(replace, text))
