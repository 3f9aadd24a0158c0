"""Which names hold secrets (passwords, keys, tokens): the one rule every output masks by."""

from __future__ import annotations

MASK = "********"
# Words that make a parameter, attribute or option name a secret's.
SECRET_WORDS = ("passw", "secret", "token", "private_key", "passphrase", "api_key", "apikey")
# Named like secrets, but they hold a way to fetch one, not the secret itself.
NOT_SECRETS = ("password_script", "passwd_script", "secret_file", "token_file",
               "password_file")


def is_secret(name: str) -> bool:
    """True when a value named NAME must not be shown."""
    lower = name.lower()
    if lower in NOT_SECRETS or lower.endswith("_script"):
        return False
    return any(word in lower for word in SECRET_WORDS)


def mask(name: str, value: str) -> str:
    """VALUE, or the mask when NAME names a secret (an empty value stays empty)."""
    return MASK if value and is_secret(name) else value
