"""Where the tests find their material: the source tree, the samples and the reference
workbook (beside the checkout, or $PCSGEN_REFERENCE)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
REFERENCE = Path(os.environ.get("PCSGEN_REFERENCE", ROOT.parent / "shared" / "reference"))
WORKBOOK = REFERENCE / "pm_pcsgen_sample.xlsx"
EXPECTED = REFERENCE / "expected"
SAMPLES = ROOT / "samples"
SHEET_PREFIX = "環境定義書_v1.1~"
REFERENCE_SHEETS = [
    f"{SHEET_PREFIX}{name}_RHEL{r}" for name in ("pgsql-ipmi", "pgrex-kdump") for r in (8, 9, 10)
]
# In CI a missing tool, root or reference is a failure, never a skip.
IN_CI = bool(os.environ.get("CI"))
