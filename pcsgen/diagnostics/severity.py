"""How serious a diagnostic is: shared by the diagnostics and the message catalogue."""

from __future__ import annotations

import enum


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()
