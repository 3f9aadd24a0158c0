"""`pcsgen template`: a clean workbook to start a definition from, in English or Japanese."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from pcsgen.schema import load_schema
from pcsgen.workbook.writer import Document, document_to_sheet, example, sheets_to_xlsx

BLANK_ROWS = 3

COVER: Dict[str, List[str]] = {
    "en": [
        "pcsgen cluster definition (pm_pcsgen format 1.1)",
        "",
        "How to fill in the definition sheet:",
        "  - Column A: a cell starting with # makes its row a comment.",
        "  - Column B: a table marker (PROPERTY, RESOURCES, ...) starts a table; inside",
        "    PRIMITIVE, STONITH and ALERT the sub-table markers P, A, O, R start sub-tables.",
        "  - The row after a marker names the columns; the grey # row below it explains them.",
        "  - Data rows follow. An empty cell of an inheriting column (uname, type, rsc, id,",
        "    node ...) takes the value of the row above.",
        "  - RESOURCES: the column of the kind is the depth; a row one column to the right",
        "    belongs to the Group, Clone or Promotable above it.",
        "  - One PRIMITIVE (or STONITH) marker per resource: P, then A (options, meta,",
        "    utilization), then O (operations). Copy a whole block for the next resource.",
        "  - Scores: an integer, INFINITY or -INFINITY; roles: Promoted/Unpromoted",
        "    (Master/Slave on RHEL 8); booleans: true/false.",
        "  - {{ name }} in a value is a variable: give it with --var, --vars FILE or the",
        "    VARIABLES table.",
        "",
        "Then: pcsgen lint BOOK.xlsx   (check)      pcsgen BOOK.xlsx   (CIB and pcs script)",
    ],
    "ja": [
        "pcsgen 環境定義書 (pm_pcsgen 形式 1.1)",
        "",
        "環境定義シートの記入方法:",
        "  - A列: 「#」で始まるセルの行はコメントです。",
        "  - B列: 表ヘッダ (PROPERTY, RESOURCES など) で表が始まります。PRIMITIVE, STONITH,",
        "    ALERT の中では P, A, O, R がサブテーブルの始まりです。",
        "  - 表ヘッダの次の行が列ヘッダです。その下の灰色の「#」行は列の説明です。",
        "  - その下にデータ行を記入します。継承する列 (uname, type, rsc, id, node など) の",
        "    空欄は上の行の値を引き継ぎます。",
        "  - RESOURCES: 種別を書く列が階層を表します。1列右の行は上の Group, Clone,",
        "    Promotable に含まれます。",
        "  - PRIMITIVE (STONITH) の表ヘッダはリソースごとに1つ: P の次に A (options, meta,",
        "    utilization)、O (オペレーション)。次のリソースはブロックごとコピーしてください。",
        "  - スコア: 整数、INFINITY、-INFINITY。役割: Promoted/Unpromoted (RHEL 8 では",
        "    Master/Slave)。真偽値: true/false。",
        "  - 値の中の {{ 名前 }} は変数です。--var、--vars FILE、VARIABLES 表で指定します。",
        "",
        "確認: pcsgen lint BOOK.xlsx      生成 (CIB と pcs スクリプト): pcsgen BOOK.xlsx",
    ],
}
COVER_TITLE = {"en": "README", "ja": "はじめに"}


def blank_document(lang: str) -> Document:
    """Every table of the format, empty, in the order pm_pcsgen's sample uses."""
    tables: List[Dict[str, Any]] = []
    for marker, spec in load_schema().items():
        if marker == "VARIABLES":
            continue
        if spec.compound:
            tables.append({"table": marker})
        else:
            tables.append({"table": marker, "rows": []})
    tables.append({"table": "VARIABLES", "rows": []})
    title = "クラスタ環境定義書" if lang == "ja" else "Cluster definition"
    return {"name": "cluster", "title": title, "tables": tables}


def template_workbook(lang: str = "en", example_name: Optional[str] = None) -> bytes:
    if example_name is not None:
        document = example(example_name)
        sheet = document_to_sheet(document, lang=lang, captions=True)
    else:
        document = blank_document(lang)
        sheet = document_to_sheet(document, lang=lang, captions=True, blank_rows=BLANK_ROWS)
    cover = (COVER_TITLE[lang], COVER[lang])
    return sheets_to_xlsx([(document["name"], sheet)], cover=cover)
