"""Which values are secret: the one rule the lint, the variables and every output that
shows values (diff, plan, apply, simulate, the report, the JSON formats) follow."""

from __future__ import annotations

import re
from typing import AbstractSet, Any, Iterable

MASK = "********"

# Words that make a name secret, wherever they stand in it ("ipmi_password",
# "snmp_community", "api-key").
_SECRET_PARTS = (
    "passw",
    "passphrase",
    "secret",
    "token",
    "community",
    "credential",
    "apikey",
    "privkey",
    "private_key",
)
# Whole words (split at anything but letters and digits) that make a name secret.
_SECRET_WORDS = frozenset({"pass", "pw", "pwd", "key", "psk"})
# Names that hold where or how to get a secret, not the secret itself.
_HOLDERS = re.compile(r"(_|-|\b)(script|file|path|dir|directory|program|cmd|command)$")
_WORD = re.compile(r"[a-z0-9]+")


def is_secret_name(name: str) -> bool:
    """A parameter, attribute or variable named NAME holds a secret."""
    lower = name.lower()
    if _HOLDERS.search(lower):
        return False
    return _named_secret(lower)


def is_secret_parameter(name: str, marked: bool) -> bool:
    """An agent parameter is secret when its name says so or its metadata marks it as a
    password (MARKED), unless its name says it holds where the secret is
    (`password_script`)."""
    lower = name.lower()
    return not _HOLDERS.search(lower) and (marked or _named_secret(lower))


def _named_secret(lower: str) -> bool:
    if any(part in lower for part in _SECRET_PARTS):
        return True
    return any(word in _SECRET_WORDS for word in _WORD.findall(lower))


def mask(name: str, value: str) -> str:
    """VALUE, or the mask when NAME names a secret (an empty value stays empty)."""
    return MASK if value and is_secret_name(name) else value


class Redactor:
    """Masks secrets in values about to be shown: values under a secret name, values the
    agent's metadata marks as passwords, and the values of secret variables."""

    def __init__(self, names: Iterable[str] = (), values: Iterable[str] = ()) -> None:
        self.names = {n.lower() for n in names}  # secret by metadata, whatever their name
        self.values: AbstractSet[str] = {v for v in values if v}

    def name_is_secret(self, name: str) -> bool:
        bare = name.split(":", 1)[-1]  # "instance:password" of an operation
        return bare.lower() in self.names or is_secret_name(bare)

    def holds_secret(self, value: Any) -> bool:
        """VALUE, shown whole, would reveal a secret (anywhere inside it)."""
        return bool(self.redact(value) != value)

    def redact(self, value: Any) -> Any:
        """VALUE with every secret in it masked."""
        if isinstance(value, dict):
            return {
                k: MASK
                if isinstance(k, str) and self.name_is_secret(k) and v not in (None, "")
                else self.redact(v)
                for k, v in value.items()
            }
        if (
            isinstance(value, tuple)
            and len(value) == 2
            and isinstance(value[0], str)
            and self.name_is_secret(value[0])
            and value[1] not in (None, "")
        ):
            return (value[0], MASK)
        if isinstance(value, (list, tuple)):
            return type(value)(self.redact(v) for v in value)
        if isinstance(value, str):
            for secret in self.values:
                value = value.replace(secret, MASK)
        return value
