"""Plain helpers the tests share: where the reference material is, Pacemaker's tools as
oracles, each target's generation of tools, and compiling a definition.

Tests import them from here (`from tests.helpers import need_tool`); conftest.py keeps
only pytest's hooks."""

from tests.helpers.compiling import (
    compile_document,
    compile_file,
    errors_of,
    run_compile,
    run_pcsgen,
)
from tests.helpers.generations import ROOTS, Generation, generation_of
from tests.helpers.oracles import (
    STATUS_WARNINGS,
    assert_same_cib,
    crm_verify,
    need_reference,
    need_tool,
    run_script,
    verify_problems,
)
from tests.helpers.paths import (
    EXPECTED,
    IN_CI,
    REFERENCE,
    REFERENCE_SHEETS,
    ROOT,
    SAMPLES,
    SHEET_PREFIX,
    WORKBOOK,
)
from tests.helpers.sheets import csv_bytes, sheet_rows

__all__ = [
    "EXPECTED",
    "IN_CI",
    "REFERENCE",
    "REFERENCE_SHEETS",
    "ROOT",
    "ROOTS",
    "SAMPLES",
    "SHEET_PREFIX",
    "STATUS_WARNINGS",
    "WORKBOOK",
    "Generation",
    "assert_same_cib",
    "compile_document",
    "compile_file",
    "crm_verify",
    "csv_bytes",
    "errors_of",
    "generation_of",
    "need_reference",
    "need_tool",
    "run_pcsgen",
    "run_script",
    "run_compile",
    "sheet_rows",
    "verify_problems",
]
