"""The type CIB-reading code gives an lxml element.

An element of a hostile CIB is read defensively anyway (a comment's tag is a function,
any attribute may be missing), so the reading code types it loosely, once, here."""

from __future__ import annotations

from typing import Any

Element = Any  # lxml's _Element
