"""The message catalogue: every diagnostic's text by its code, in English and Japanese
(the phrases they hold are in texts.py, the command line's help in help_texts.py).

A code keeps its meaning for ever; texts may improve. Placeholders are
str.format fields filled from the diagnostic's arguments.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, NamedTuple

from pcsgen.diagnostics.language import default_lang as default_lang
from pcsgen.diagnostics.phrase import Joined, Phrase
from pcsgen.diagnostics.severity import Severity
from pcsgen.diagnostics.texts import TEXTS as TEXTS
from pcsgen.diagnostics.texts import text as text


class Message(NamedTuple):
    severity: Severity
    en: str
    ja: str


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

CATALOGUE: Dict[str, Message] = {
    # --- input files -----------------------------------------------------------
    "PG001": Message(E, "cannot read the file: {reason}", "ファイルを読み込めません: {reason}"),
    "PG002": Message(
        E,
        "unsupported input type '{suffix}': give an .xlsx workbook or a .csv file{hint}",
        "未対応の入力形式です '{suffix}': .xlsx ブックまたは .csv ファイルを指定してください{hint}",
    ),
    "PG003": Message(
        E,
        "cannot decode the CSV file: it is neither UTF-8 nor Shift_JIS/CP932 "
        "(first bad byte at offset {offset})",
        "CSVファイルを解読できません: UTF-8でもShift_JIS/CP932でもありません"
        " (不正なバイトの位置: {offset})",
    ),
    "PG004": Message(
        E,
        "the workbook is damaged or not an xlsx file: {reason}",
        "ブックが壊れているか、xlsx形式ではありません: {reason}",
    ),
    "PG005": Message(
        E,
        "no sheet named '{sheet}'; the workbook has: {sheets}",
        "シート '{sheet}' はありません。ブック内のシート: {sheets}",
    ),
    "PG006": Message(
        E,
        "the workbook holds several definition sheets; choose one with "
        "BOOK.xlsx:SHEET or --sheet: {sheets}",
        "ブックに複数の環境定義シートがあります。BOOK.xlsx:SHEET または --sheet で"
        "指定してください: {sheets}",
    ),
    "PG007": Message(
        E,
        "the workbook holds no definition sheet (no table marker in column B)",
        "ブックに環境定義シートがありません (B列に表ヘッダがありません)",
    ),
    "PG008": Message(
        E, "the CSV file is malformed: {reason}", "CSVファイルの形式が不正です: {reason}"
    ),
    "PG009": Message(
        E,
        "no table found: this is not a definition (no table marker in column B)",
        "表が見つかりません: 環境定義書ではありません (B列に表ヘッダがありません)",
    ),
    "PG010": Message(
        E,
        "the cell is too large ({size} characters; at most {limit})",
        "セルが大きすぎます ({size} 文字。上限 {limit} 文字)",
    ),
    "PG011": Message(
        E,
        "the workbook is encrypted; save it without a password first",
        "ブックが暗号化されています。パスワードなしで保存してから指定してください",
    ),
    "PG012": Message(
        E,
        "the workbook is too large to read safely ({reason})",
        "ブックが大きすぎるため読み込みません ({reason})",
    ),
    "PG013": Message(
        E,
        "the cell holds the spreadsheet error '{value}'",
        "セルにエラー値 '{value}' が入っています",
    ),
    "PG014": Message(
        W,
        "the cell holds a formula with no cached value; it is read as empty "
        "(open and save the workbook in Excel or LibreOffice to compute it)",
        "セルの数式に計算結果が保存されていないため空として扱います"
        " (Excel または LibreOffice で開いて保存してください)",
    ),
    "PG015": Message(
        E,
        "the file holds a NUL byte at offset {offset}; it is not a text CSV",
        "ファイルの {offset} バイト目に NUL 文字があります。テキストのCSVではありません",
    ),
    "PG016": Message(E, "the file is empty", "ファイルが空です"),
    "PG017": Message(
        W,
        "the cell holds a date; it is read as the text '{value}'",
        "セルに日付が入っています。文字列 '{value}' として読み込みます",
    ),
    # --- hostile input: malformed cells and inputs too large ----------------------
    "PG018": Message(
        E,
        "this is Excel's lock file of {book}, not a workbook: give {book} "
        "itself (edits not yet saved in Excel are not in it)",
        "これは Excel が {book} を開いている間に作るロックファイルで、ブックでは"
        "ありません。{book} 自体を指定してください (Excel で未保存の編集は含まれ"
        "ません)",
    ),
    "PG019": Message(
        E,
        "the CSV file is encoded in {encoding}: save it as CSV in UTF-8 or "
        'Shift_JIS (Excel: "CSV UTF-8")',
        "CSV ファイルの文字コードが {encoding} です。UTF-8 または Shift_JIS の "
        "CSV として保存してください (Excel では「CSV UTF-8」)",
    ),
    "PG020": Message(E, "the cell is malformed: {reason}", "セルの形式が不正です: {reason}"),
    "PG021": Message(
        E,
        "{path} is too large to read (more than {limit} bytes)",
        "{path} は大きすぎるため読み込みません ({limit} バイトを超えています)",
    ),
    # --- table structure -------------------------------------------------------
    "PG101": Message(
        E,
        "unknown table marker '{marker}'; expected one of: {allowed}",
        "'{marker}' は無効な表ヘッダです。有効な表ヘッダ: {allowed}",
    ),
    "PG102": Message(E, "data before any table marker", "表ヘッダより前にデータがあります"),
    "PG103": Message(
        E,
        "table {table}: required column '{column}' is missing",
        "{table}表: 必須の '{column}' 列がありません",
    ),
    "PG104": Message(
        E,
        "table {table}: column '{column}' appears twice (first in column {first})",
        "{table}表: '{column}' 列が複数あります (最初は {first} 列)",
    ),
    "PG105": Message(
        W,
        "table {table}: unknown column '{column}' is ignored",
        "{table}表: '{column}' は無効な列のため無視します",
    ),
    "PG106": Message(
        E,
        "table {table}: sub-table {sub} is out of order ({rule})",
        "{table}表: サブテーブル {sub} の順序が不正です ({rule})",
    ),
    "PG107": Message(
        E,
        "table {table}: the column-header row is missing after the marker",
        "{table}表: 表ヘッダの次に列ヘッダ行がありません",
    ),
    "PG108": Message(
        E,
        "table {table}: '{sub}' is not a sub-table of this table (expected one of: {allowed})",
        "{table}表: '{sub}' はこの表のサブテーブルではありません (有効: {allowed})",
    ),
    "PG109": Message(
        E,
        "table {table}: data rows must follow a sub-table marker ({allowed}) in column B",
        "{table}表: データ行の前にB列のサブテーブル指定 ({allowed}) が必要です",
    ),
    "PG110": Message(
        E,
        "table {table}: sub-table {sub} holds one row per marker; start a new "
        "{table} marker for the next one",
        "{table}表: サブテーブル {sub} は表ヘッダ1つにつき1行です。"
        "次の定義は新しい {table} 表ヘッダから記述してください",
    ),
    "PG111": Message(
        W,
        "table {table}: the cells beside the marker are ignored",
        "{table}表: 表ヘッダ行の他のセルは無視します",
    ),
    "PG112": Message(
        E,
        "table {table}: the column-header row names no column",
        "{table}表: 列ヘッダ行に列名がありません",
    ),
    "PG113": Message(
        E,
        "table RESOURCES: the 'id' column cannot stand between 'resourceItem' "
        "columns; put it to the left or the right of all of them",
        "RESOURCES表: 'id' 列を 'resourceItem' 列の間に置くことはできません。"
        "全ての 'resourceItem' 列の左または右に置いてください",
    ),
    # --- values ----------------------------------------------------------------
    "PG201": Message(E, "column '{column}' needs a value", "'{column}' 列に値が設定されていません"),
    "PG202": Message(
        E,
        "'{value}' is not a valid {column}; expected one of: {allowed}",
        "'{value}' は {column} に設定できません。有効な値: {allowed}",
    ),
    "PG203": Message(
        E,
        "'{value}' is not a valid score: use an integer, INFINITY or -INFINITY",
        "'{value}' はスコアとして不正です。整数、INFINITY、-INFINITY のいずれかを指定してください",
    ),
    "PG204": Message(
        E,
        "'{value}' is not a boolean: use true or false (yes/no, on/off, 1/0)",
        "'{value}' は真偽値ではありません。true または false を指定してください",
    ),
    "PG205": Message(
        E,
        "'{value}' is not a valid id: it must start with a letter or '_' and "
        "hold only letters, digits, '_', '-' and '.'",
        "'{value}' はIDとして不正です。英字か '_' で始め、英数字・'_'・'-'・'.' の"
        "みを使ってください",
    ),
    "PG206": Message(
        E,
        "a RESOURCES row needs exactly one kind in the 'resourceItem' columns (found {count})",
        "RESOURCES表の1行には 'resourceItem' 列のいずれか1つだけに種別を設定してください"
        " ({count} 個あります)",
    ),
    "PG207": Message(
        E,
        "'{id}' is nested with no parent: a row one column to the right must "
        "follow a Group, Clone or Promotable row",
        "'{id}' に親がありません: 1列右の行は Group, Clone, Promotable の行の後に記述してください",
    ),
    "PG208": Message(
        E,
        "a {parent} cannot hold a {child} ('{id}' in '{parent_id}')",
        "{parent} は {child} を含めません ('{parent_id}' の中の '{id}')",
    ),
    "PG209": Message(
        E,
        "id '{id}' is already used (row {first_row})",
        "ID '{id}' は既に使われています ({first_row} 行目)",
    ),
    "PG210": Message(
        E,
        "'{value}' is not a valid fencing level: use an integer from 1 to 9",
        "'{value}' はSTONITHの実行順序として不正です。1 から 9 の整数を指定してください",
    ),
    "PG211": Message(
        E,
        "this rule has {count} expressions and needs bool_op (and/or) on its first row",
        "このルールは条件が {count} 個あるため、先頭行に bool_op (and/or) が必要です",
    ),
    "PG212": Message(
        W,
        "'{column}' is ignored on a row that continues the rule above",
        "ルールの継続行の '{column}' 列は無視します",
    ),
    "PG213": Message(
        W,
        "op '{op}' takes no value; the value '{value}' is ignored",
        "'{op}' は値を取らないため、値 '{value}' は無視します",
    ),
    "PG214": Message(E, "op '{op}' needs a value", "'{op}' には値が必要です"),
    "PG215": Message(
        E,
        "'{value}' is not a valid role: use Started, Stopped, Promoted or "
        "Unpromoted (Master/Slave on RHEL 8)",
        "'{value}' は役割として不正です。Started, Stopped, Promoted, Unpromoted"
        " (RHEL 8 では Master/Slave) のいずれかを指定してください",
    ),
    "PG216": Message(
        E,
        "'{value}' is not a valid duration (e.g. 60s, 10min, 1h, 5000ms)",
        "'{value}' は時間として不正です (例: 60s, 10min, 1h, 5000ms)",
    ),
    "PG217": Message(
        E,
        "the value holds a control character (U+{char}) that XML cannot carry",
        "値にXMLで扱えない制御文字 (U+{char}) が含まれています",
    ),
    "PG218": Message(
        E,
        "'{name}' is set twice for {owner} with different values ('{first}' "
        "at row {first_row}, '{value}' here): pcs refuses it (duplicate option "
        "'{name}' with different values)",
        "{owner} の '{name}' が異なる値で重複しています ({first_row} 行目は "
        "'{first}'、この行は '{value}'): pcs はエラーにします"
        " (duplicate option '{name}' with different values)",
    ),
    "PG219": Message(
        E, "{kind} '{id}' holds no resource", "{kind} '{id}' にリソースが含まれていません"
    ),
    "PG220": Message(
        E,
        "{kind} '{id}' holds more than one resource",
        "{kind} '{id}' に複数のリソースが含まれています",
    ),
    "PG221": Message(
        E,
        "operation '{op}' with interval {interval} is defined twice for '{id}'",
        "'{id}' のオペレーション '{op}' (interval {interval}) が重複しています",
    ),
    # --- values pcs would not take as written ------------------------------------
    "PG230": Message(
        E,
        "'{value}' is not a valid agent {part}: {reason}",
        "'{value}' はエージェントの {part} として不正です: {reason}",
    ),
    "PG231": Message(
        E,
        "'{value}' cannot be given to pcs {pcs} as written: {reason}",
        "'{value}' は pcs {pcs} にそのまま渡せません: {reason}",
    ),
    "PG236": Message(
        E,
        "pcs {pcs} ({target}) refuses the score '{value}' in a colocation: "
        "it names the constraint after the score as written ('{id}'), and an "
        "XML id cannot hold '+'; write {instead}, which Pacemaker reads alike",
        "pcs {pcs} ({target}) は同居制約のスコア '{value}' を受け付けません: "
        "制約のIDを書かれたとおりのスコアから作るため ('{id}')、XMLのIDに使えない "
        "'+' が入ります。Pacemaker にとって同じ値の {instead} を指定してください",
    ),
    "PG237": Message(
        W,
        "the score {value} is beyond the {bits}-bit integers Pacemaker "
        "{pacemaker} ({target}, RHEL {rhel}) reads a score as: it takes it as "
        "{infinity}, and logs that it clipped it each time it reads the CIB; "
        "write {infinity}",
        "スコア {value} は Pacemaker {pacemaker} ({target}、RHEL {rhel}) が"
        "スコアとして読む {bits} ビット整数の範囲を超えています: {infinity} として"
        "扱われますが、CIB を読むたびに値を切り詰めた旨のログが出ます。"
        "{infinity} を指定してください",
    ),
    # --- text the target's Pacemaker would not write into the CIB as given --------
    "PG232": Message(
        E,
        "'{value}' holds characters beyond ASCII, which {target} (pcs {pcs}, "
        "Pacemaker 2.0) writes into the CIB as octal escapes",
        "'{value}' に ASCII 以外の文字が含まれています: {target} (pcs {pcs}、"
        "Pacemaker 2.0) はこれを CIB に8進エスケープで書き込みます",
    ),
    "PG233": Message(
        E,
        "'{value}' holds a tab or DEL, which {target} (Pacemaker before "
        "2.1.8) writes into the CIB as spaces or an octal escape",
        "'{value}' にタブか DEL が含まれています: {target} (Pacemaker 2.1.8 より"
        "前) はこれを CIB に空白か8進エスケープで書き込みます",
    ),
    "PG234": Message(
        E,
        "'{value}' holds '<', '&' or '\"' after a character beyond ASCII: "
        "{target} (Pacemaker 2.1.3 to 2.1.7) stops escaping there, and the CIB "
        "loses them",
        "'{value}' の ASCII 以外の文字の後に '<'・'&'・'\"' があります: "
        "{target} (Pacemaker 2.1.3〜2.1.7) はそこからエスケープをやめるため、"
        "CIB から失われます",
    ),
    "PG235": Message(
        E,
        "'{value}' holds a tab, DEL, or '<', '&' or '\"' after a character "
        "beyond ASCII: this command runs at compile time with this machine's "
        "pcs, whose Pacemaker (2.1.3 to 2.1.7 as tested) may write it into the "
        "XML otherwise than {target} into the CIB",
        "'{value}' にタブ・DEL、または ASCII 以外の文字の後の '<'・'&'・'\"' が"
        "含まれています: このコマンドはコンパイル時にこのマシンの pcs で実行され、"
        "その Pacemaker (テスト済みの 2.1.3〜2.1.7) は {target} の CIB とは"
        "異なる値を XML に書き込むことがあります",
    ),
    # --- references ------------------------------------------------------------
    "PG301": Message(E, "no resource '{id}' is defined", "リソース '{id}' は定義されていません"),
    "PG302": Message(
        E, "{kind} '{id}' has no {table} table", "{kind} '{id}' に対応する {table} 表がありません"
    ),
    "PG303": Message(
        E,
        "'{id}' is defined in a {table} table but is not in RESOURCES",
        "'{id}' は {table} 表で定義されていますが RESOURCES 表にありません",
    ),
    "PG304": Message(
        E,
        "'{id}' is a {kind} in RESOURCES but is defined in a {table} table",
        "'{id}' は RESOURCES 表では {kind} ですが {table} 表で定義されています",
    ),
    "PG305": Message(
        E, "'{id}' is not a fencing device (STONITH)", "'{id}' はSTONITHリソースではありません"
    ),
    "PG306": Message(
        E,
        "node attributes need node ids: give --corosync-conf PATH "
        "(the cluster's /etc/corosync/corosync.conf)",
        "ノード属性の設定にはノードIDが必要です: --corosync-conf PATH で"
        "クラスタの /etc/corosync/corosync.conf を指定してください",
    ),
    "PG307": Message(
        E,
        "node '{node}' is not in {path} (nodes: {nodes})",
        "ノード '{node}' は {path} にありません (ノード: {nodes})",
    ),
    "PG308": Message(E, "{path}: {reason}", "{path}: {reason}"),
    "PG318": Message(
        I,
        "node names and ids are read from {path}, this machine's cluster, by "
        "default: --corosync-conf PATH reads another file (or a CIB), "
        "--corosync-conf '' none",
        "ノード名と ID を既定でこのマシンのクラスタの {path} から読み込みました。"
        "別のファイル (または CIB) は --corosync-conf PATH で、読み込まない場合は "
        "--corosync-conf '' で指定します",
    ),
    "PG309": Message(
        E,
        "fencing level {level} for node '{node}' is defined twice (first at row {first_row})",
        "ノード '{node}' のSTONITH実行順序 {level} が重複しています (最初は {first_row} 行目)",
    ),
    "PG310": Message(
        E,
        "'{id}' is inside {parent}: constraints and meta attributes on a "
        "group member or clone child belong on {parent}",
        "'{id}' は {parent} の中にあります: 制約は {parent} に設定してください",
    ),
    "PG223": Message(
        W,
        "'{name}' is set again for {owner}; this row's value wins (first at row {first_row})",
        "{owner} の '{name}' が再設定されています。この行の値が有効になります"
        " (最初は {first_row} 行目)",
    ),
    "PG224": Message(
        W,
        "an alert with the path '{path}' is already defined (row {first_row})",
        "パス '{path}' のアラートは既に定義されています ({first_row} 行目)",
    ),
    "PG225": Message(
        W,
        "this location of '{rsc}' on '{node}' has no effect: pcs keeps one "
        "location per resource and node and replaces it with the one at row {row} "
        "(score {score})",
        "'{rsc}' の '{node}' への配置制約は無効です: pcs はリソースとノードの組に"
        "1つの制約しか持たず、{row} 行目の制約 (スコア {score}) で置き換えます",
    ),
    "PG226": Message(
        E,
        "table {table}: sub-table {sub} has rows but {owner} has no {column}",
        "{table}表: サブテーブル {sub} にデータがありますが、{owner} の {column} が"
        "設定されていません",
    ),
    "PG227": Message(
        E,
        "column '{name}' cannot be an operation attribute: an attribute name "
        "starts with a letter or '_' and holds letters, digits, '_', '-', '.'",
        "'{name}' 列はオペレーションの属性名になりません: 英字か '_' で始め、"
        "英数字・'_'・'-'・'.' のみを使ってください",
    ),
    "PG228": Message(
        E,
        "'{name}' is not an operation attribute pcs knows ({known}); pcs refuses it",
        "'{name}' は pcs が扱えるオペレーション属性ではありません ({known})。pcs はエラーにします",
    ),
    # --- parity with pm_pcsgen and pcs: what pcs does with what pm_pcsgen gives it ---
    "PG240": Message(
        W,
        "'{name}' is set twice for {owner} with the same value (first at row "
        "{first_row}); it is set once",
        "{owner} の '{name}' が同じ値で重複しています (最初は {first_row} 行目)。"
        "1つとして設定します",
    ),
    "PG241": Message(
        W,
        "avoids with the score '{value}' makes a location of '{rsc}' on "
        "'{node}' with the score {score}: pcs turns the avoidance into a "
        "preference (leave the score positive or empty to avoid the node)",
        "スコア '{value}' の avoids は '{rsc}' の '{node}' への配置制約をスコア "
        "{score} にします: pcs は回避を優先に変えます (回避するにはスコアを正の値にするか"
        "空にしてください)",
    ),
    "PG242": Message(
        E,
        "'{clone}' is promotable, but the agent {agent} of '{id}' cannot be "
        "promoted: pcs refuses it, even with --force (Clone option 'promotable' is "
        "not compatible with '{agent}' resource agent of resource '{id}'"
        "{in_group})",
        "'{clone}' は昇格可能 (promotable) ですが、'{id}' のエージェント {agent} は"
        "昇格できません: pcs は --force を付けてもエラーにします (Clone option 'promotable' is not "
        "compatible with '{agent}' resource agent of resource '{id}'{in_group})",
    ),
    "PG243": Message(
        E,
        "'{name}' is unique for agent {agent} and '{value}' is already used by "
        "{ids}: pcs refuses it (Value '{value}' of option '{name}' is not unique "
        "across '{agent}' resources); with --force pcs creates it anyway",
        "'{name}' はエージェント {agent} で一意でなければならず、'{value}' は既に "
        "{ids} で使われています: pcs はエラーにします (Value '{value}' of option "
        "'{name}' is not unique across '{agent}' resources)。--force を付けると"
        "pcs はそのまま作成します",
    ),
    "PG244": Message(
        E,
        "the values {values} of {names} (unique group '{group}') of agent "
        "{agent} are already used by {ids}: pcs refuses it (not unique across "
        "'{agent}' resources); with --force pcs creates it anyway",
        "エージェント {agent} の {names} (一意グループ '{group}') の値 {values} は既に"
        " {ids} で使われています: pcs はエラーにします (not unique across "
        "'{agent}' resources)。--force を付けると pcs はそのまま作成します",
    ),
    "PG245": Message(
        E,
        "'{clone}' clones the fence device '{id}': pcs refuses it (No need to "
        "clone stonith resource '{id}', any node can use a stonith resource "
        "(unless specifically banned) regardless of whether the stonith resource "
        "is running on that node or not); with --force pcs clones it anyway",
        "'{clone}' は STONITH リソース '{id}' をクローンしています: pcs はエラーに"
        "します (No need to clone stonith resource '{id}', ...)。STONITH リソースは"
        "どのノードからも使えるためクローンは不要です。--force を付けると pcs は"
        "そのままクローンします",
    ),
    "PG246": Message(
        E,
        "a colocation of '{rsc}' with '{with_rsc}' with the same roles is "
        "already defined (row {first_row}): pcs refuses it (duplicate constraint "
        "already exists), whatever the scores; with --force pcs adds both and "
        "their scores add up",
        "'{rsc}' と '{with_rsc}' の同じ役割の同居制約は既に定義されています "
        "({first_row} 行目): スコアが違っても pcs はエラーにします (duplicate "
        "constraint already exists)。--force を付けると両方が追加され、スコアは"
        "加算されます",
    ),
    "PG247": Message(
        E,
        "an order {first_action} '{first}' then {then_action} '{then}' is "
        "already defined (row {first_row}): pcs refuses it (duplicate constraint "
        "already exists), whatever the kinds; with --force pcs adds both and both "
        "apply",
        "{first_action} '{first}' then {then_action} '{then}' の起動順序制約は既に"
        "定義されています ({first_row} 行目): kind が違っても pcs はエラーにします "
        "(duplicate constraint already exists)。--force を付けると両方が追加され、"
        "両方が適用されます",
    ),
    "PG248": Message(
        E,
        "a location rule of '{rsc}' with the same expressions is already "
        "defined (row {first_row}): pcs refuses it (duplicate constraint already "
        "exists), whatever the scores and roles; with --force pcs adds both and "
        "their scores add up",
        "同じ条件の '{rsc}' のルール配置制約は既に定義されています ({first_row} 行目): "
        "スコアや役割が違っても pcs はエラーにします (duplicate constraint already "
        "exists)。--force を付けると両方が追加され、スコアは加算されます",
    ),
    "PG249": Message(
        E,
        "agent {agent} does not exist; {known} differs only in case: pcs "
        "refuses it (Agent '{agent}' is not installed or does not provide valid "
        "metadata); with --force pcs creates it, but no node can run it",
        "エージェント {agent} はありません ({known} とは大文字・小文字だけが"
        "異なります): pcs はエラーにします (Agent '{agent}' is not installed or "
        "does not provide valid metadata)。--force を付けると作成されますが、"
        "どのノードでも動作しません",
    ),
    "PG250": Message(
        E,
        "'{clone}' is promotable, but the agent {agent} of '{id}' in group "
        "'{group}' cannot be promoted: pcs refuses it (Clone option 'promotable' "
        "is not compatible with '{agent}' resource agent of resource '{id}' in "
        "group '{group}'); with --force pcs makes the clone, which the cluster "
        "never promotes",
        "'{clone}' は昇格可能 (promotable) ですが、グループ '{group}' の '{id}' の"
        "エージェント "
        "{agent} は昇格できません: pcs はエラーにします (Clone option 'promotable' "
        "is not compatible with '{agent}' resource agent of resource '{id}' in "
        "group '{group}')。--force を付けるとクローンは作成されますが、昇格しません",
    ),
    "PG251": Message(
        E,
        "a location rule's role is Promoted or Unpromoted (Master or Slave): "
        "pcs refuses '{value}' (invalid role '{value}', use 'Master', 'Promoted', "
        "'Slave' or 'Unpromoted')",
        "ルール配置制約の役割は Promoted か Unpromoted (Master か Slave) です: pcs は "
        "'{value}' をエラーにします (invalid role '{value}', use 'Master', "
        "'Promoted', 'Slave' or 'Unpromoted')",
    ),
    "PG252": Message(
        W,
        "this command works on the file {file}, not on the CIB being built: "
        "as with pm_pcsgen, the script runs it on that file and the CIB lacks it",
        "このコマンドは作成中の CIB ではなくファイル {file} を対象にしています: "
        "pm_pcsgen と同じく、スクリプトはそのファイルに対して実行し、CIB には"
        "含まれません",
    ),
    "PG253": Message(
        E,
        "'{clone}' is globally unique, which agent {agent} of '{id}' cannot "
        "be: pcs refuses it, even with --force (Clone option 'globally-unique' is "
        "not compatible with '{agent}' resource agent of resource '{id}'"
        "{in_group})",
        "'{clone}' は globally-unique ですが、'{id}' のエージェント {agent} では"
        "使えません: pcs は --force を付けてもエラーにします (Clone option "
        "'globally-unique' is not compatible with '{agent}' resource agent of "
        "resource '{id}'{in_group})",
    ),
    "PG254": Message(
        E,
        "'{first}' and '{then}' are both in group '{group}', which starts them "
        "in its own order: pcs refuses an order between them (Cannot create an "
        "order constraint for resources in the same group)",
        "'{first}' と '{then}' は同じグループ '{group}' にあり、グループの順序で起動"
        "します: pcs はこの起動順序制約をエラーにします (Cannot create an order "
        "constraint for resources in the same group)",
    ),
    "PG255": Message(
        E,
        "fence device '{id}' sets 'action': pcs refuses it (stonith option "
        "'action' is deprecated and should not be used, use 'pcmk_off_action', "
        "'pcmk_reboot_action' instead); with --force pcs sets it, and the device "
        "then runs that action whatever the cluster asks",
        "STONITH リソース '{id}' に 'action' が設定されています: pcs はエラーにします "
        "(stonith option 'action' is deprecated ...。pcmk_off_action、"
        "pcmk_reboot_action を使ってください)。--force を付けると設定されますが、"
        "クラスタの要求に関係なくその動作を実行します",
    ),
    "PG256": Message(
        E,
        "utilization '{name}' must be an integer, not '{value}': pcs refuses "
        "it (Value of utilization attribute must be integer)",
        "utilization '{name}' の値は整数にしてください ('{value}'): pcs はエラーに"
        "します (Value of utilization attribute must be integer)",
    ),
    "PG257": Message(
        E,
        "the recipient '{value}' is already in {alert} (row {first_row}): pcs "
        "refuses it (Recipient '{value}' in alert '{alert}' already exists); with "
        "--force pcs adds it again and it gets every alert twice",
        "受信者 '{value}' は既に {alert} にあります ({first_row} 行目): pcs はエラーに"
        "します (Recipient '{value}' in alert '{alert}' already exists)。--force を"
        "付けると再度追加され、アラートを2回受け取ります",
    ),
    # --- semantics ---------------------------------------------------------------
    "PG401": Message(
        W,
        "bool_op '{value}' is unused: the rule has a single expression",
        "ルールの条件が1つのため bool_op '{value}' は使われません",
    ),
    "PG402": Message(
        E, "'{id}' is ordered after itself", "'{id}' の起動順序制約が自分自身を指しています"
    ),
    "PG403": Message(
        E, "'{id}' is colocated with itself", "'{id}' の同居制約が自分自身を指しています"
    ),
    "PG404": Message(
        E,
        "mandatory order constraints form a cycle: {cycle}; none of these can start",
        "起動順序制約が循環しています: {cycle} (いずれも起動できません)",
    ),
    "PG405": Message(
        W,
        "fence device '{id}' may run on '{node}', the node it fences: add "
        "`avoids {node}` for it in LOCATION_NODE",
        "STONITHリソース '{id}' がフェンス対象のノード '{node}' で動作する可能性が"
        "あります: LOCATION_NODE 表で '{node}' を avoids に設定してください",
    ),
    "PG406": Message(
        W,
        "stonith-enabled is false: without fencing the cluster cannot recover "
        "safely from a node failure",
        "stonith-enabled が false です: フェンシングなしではノード障害から安全に復旧できません",
    ),
    "PG407": Message(
        W, "no fencing device (STONITH) is defined", "STONITHリソースが定義されていません"
    ),
    "PG408": Message(
        W,
        "'{id}' has no recurring monitor operation: failures will not be detected",
        "'{id}' に定期的な monitor オペレーションがありません: 故障を検知できません",
    ),
    "PG409": Message(
        W,
        "a two-node cluster needs priority-fencing-delay (PROPERTY) or "
        "pcmk_delay_base / pcmk_delay_max on a fence device, or each node may "
        "fence the other at once",
        "2ノード構成では priority-fencing-delay (PROPERTY) または STONITHリソースの "
        "pcmk_delay_base / pcmk_delay_max を設定してください (相打ちの恐れがあります)",
    ),
    "PG410": Message(
        E,
        "agent {agent} has no parameter '{name}'{hint}; pcs will refuse it",
        "エージェント {agent} にパラメータ '{name}' はありません{hint} (pcs はエラーにします)",
    ),
    "PG411": Message(
        E,
        "agent {agent} requires the parameter '{name}'; pcs will refuse the resource without it",
        "エージェント {agent} には必須パラメータ '{name}' が必要です"
        " (指定しないと pcs はエラーにします)",
    ),
    "PG412": Message(
        W,
        "unknown agent {agent}{hint}: it is neither installed here nor in pcsgen's catalogue",
        "不明なエージェント {agent} です{hint}: この環境にも pcsgen のカタログにもありません",
    ),
    "PG413": Message(
        W,
        "'{name}' of '{id}' holds a secret in plain text: use {safer}",
        "'{id}' の '{name}' に秘密情報が平文で書かれています: {safer} を使ってください",
    ),
    "PG414": Message(
        W,
        "'{op}' is not an action of agent {agent} (actions: {actions}); pcs will refuse it",
        "'{op}' はエージェント {agent} のアクションではありません"
        " (アクション: {actions})。pcs はエラーにします",
    ),
    "PG415": Message(
        W,
        "role {role} is used for '{id}', which is not promotable",
        "昇格可能 (Promotable) でない '{id}' に役割 {role} が指定されています",
    ),
    "PG416": Message(
        W,
        "node '{node}' is not a cluster node ({nodes})",
        "ノード '{node}' はクラスタのノードではありません ({nodes})",
    ),
    "PG417": Message(
        W,
        "group '{id}' holds fence devices, which pcs {pcs} cannot add to a "
        "group: the script will fail there (the CIB is fine)",
        "グループ '{id}' に STONITH リソースが含まれていますが、pcs {pcs} ではグループに"
        "追加できません: スクリプトはエラーになります (CIB は問題ありません)",
    ),
    "PG418": Message(
        W,
        "fence device '{id}' has utilization, which pcs {pcs} cannot set: the "
        "script will fail there (the CIB is fine)",
        "STONITH リソース '{id}' の utilization は pcs {pcs} では設定できません: "
        "スクリプトはエラーになります (CIB は問題ありません)",
    ),
    # --- target generations: schema needs -----------------------------------------
    "PG420": Message(
        W,
        "{what} needs CIB schema pacemaker-{schema}, which {target} has from "
        "RHEL {rhel} (Pacemaker {pacemaker}) on: the oldest {target} release, "
        "RHEL {floor_rhel} (Pacemaker {floor}), will refuse the CIB",
        "{what} には CIB スキーマ pacemaker-{schema} が必要です。{target} では "
        "RHEL {rhel} (Pacemaker {pacemaker}) 以降で使えます: 最も古い {target} の"
        "リリース RHEL {floor_rhel} (Pacemaker {floor}) はこの CIB を受け付けません",
    ),
    "PG421": Message(
        W,
        "{what} needs CIB schema pacemaker-{schema}, which no {target} release "
        "accepts (the newest takes pacemaker-{newest})",
        "{what} には CIB スキーマ pacemaker-{schema} が必要ですが、{target} の"
        "どのリリースも受け付けません (最新のリリースは pacemaker-{newest} まで)",
    ),
    # --- values Pacemaker accepts that pcs or Pacemaker read their own way -------------
    "PG260": Message(
        W,
        "'{value}' is a {column} Pacemaker does not read (it reads a number "
        "with an optional unit: 30, 30s, 5min): it uses its default of 20s "
        "instead",
        "'{value}' は Pacemaker が {column} として読めない値です (数値と単位: 30、"
        "30s、5min): Pacemaker は代わりに既定値 20s を使います",
    ),
    "PG261": Message(
        W,
        "pcs {pcs} refuses '{value}' as {column} ('use time interval (e.g. 1, "
        "2s, 3m, 4h, ...)'): the script will fail there (the CIB is fine)",
        "pcs {pcs} は {column} に '{value}' を受け付けません (1、2s、3m、4h などの"
        "時間で指定): スクリプトはエラーになります (CIB は問題ありません)",
    ),
    "PG262": Message(
        W,
        "'{name}' has an empty value: Pacemaker keeps it as an empty string "
        "(not the same as unset), but pcs cannot set an empty value, so the "
        "script leaves it out",
        "'{name}' の値が空です: Pacemaker は空文字列として保持しますが (未設定とは"
        "異なります)、pcs は空の値を設定できないためスクリプトには出力しません",
    ),
    "PG263": Message(
        W,
        "operation '{op}' with interval 0 is defined again for '{id}': "
        "Pacemaker accepts it but configures the action from the first one only; "
        "pcs refuses it ('multiple specification of the same operation with the "
        "same interval'), so the script leaves it out",
        "'{id}' のオペレーション '{op}' (interval 0) が再定義されています: Pacemaker "
        "は受け付けますが最初のものだけを使います。pcs は受け付けないため "
        "(multiple specification of the same operation with the same interval)、"
        "スクリプトには出力しません",
    ),
    # --- cluster properties against the target's Pacemaker ----------------------------
    "PG450": Message(
        E,
        "'{name}' is not a cluster property of {target} (Pacemaker "
        "{pacemaker}): Pacemaker would ignore it, and pcs refuses it unless "
        "forced{hint}",
        "'{name}' は {target} (Pacemaker {pacemaker}) のクラスタ・プロパティでは"
        "ありません: Pacemaker は無視し、pcs は --force なしでは受け付けません{hint}",
    ),
    "PG451": Message(
        E,
        "'{name}' is not a cluster property of {target} (Pacemaker "
        "{pacemaker}), which calls it '{replacement}': Pacemaker would ignore it, "
        "and pcs refuses it unless forced",
        "'{name}' は {target} (Pacemaker {pacemaker}) のクラスタ・プロパティでは"
        "ありません ({target} では '{replacement}'): Pacemaker は無視し、pcs は "
        "--force なしでは受け付けません",
    ),
    "PG452": Message(
        W,
        "'{name}' is deprecated in {target} (Pacemaker {pacemaker})",
        "'{name}' は {target} (Pacemaker {pacemaker}) では非推奨です",
    ),
    "PG453": Message(
        W,
        "'{name}' is a legacy name Pacemaker reads as {section} "
        "'{replacement}' (the CIB schema refuses it in crm_config): the CIB and "
        "the script set {section} '{replacement}'",
        "'{name}' は旧名称で、Pacemaker は {section} の '{replacement}' として読みます"
        " (crm_config ではスキーマ違反): CIB とスクリプトでは {section} の "
        "'{replacement}' を設定します",
    ),
    "PG454": Message(
        W,
        "'{name}' is a legacy name Pacemaker ignores (the CIB schema refuses "
        "it in crm_config): it is left out of the CIB and the script",
        "'{name}' は Pacemaker が無視する旧名称です (crm_config ではスキーマ違反):"
        " CIB とスクリプトには出力しません",
    ),
    # --- variables ---------------------------------------------------------------
    "PG601": Message(
        E,
        "--var needs NAME=VALUE, not '{text}'",
        "--var には NAME=VALUE を指定してください ('{text}')",
    ),
    "PG602": Message(
        E,
        "cannot read the vars file {path}: {reason}",
        "変数ファイル {path} を読み込めません: {reason}",
    ),
    "PG603": Message(
        E,
        "'{name}' is not a valid variable name (letters, digits and '_')",
        "'{name}' は変数名として不正です (英数字と '_')",
    ),
    "PG604": Message(
        E, "malformed placeholder: {reason}", "プレースホルダの書式が不正です: {reason}"
    ),
    "PG605": Message(
        E,
        "variable '{name}' is not defined: give it with --var {name}=VALUE, "
        "--vars FILE, PCSGEN_VAR_{name} or the VARIABLES table",
        "変数 '{name}' が定義されていません: --var {name}=VALUE、--vars FILE、"
        "環境変数 PCSGEN_VAR_{name}、VARIABLES 表のいずれかで指定してください",
    ),
    "PG606": Message(
        E,
        "variable values refer to each other in a loop: {chain}",
        "変数の値が循環参照しています: {chain}",
    ),
    # --- placeholders: bounds -----------------------------------------------------
    "PG610": Message(
        E,
        "the value is too large once its placeholders are filled ({size} "
        "characters; at most {limit})",
        "プレースホルダを展開した値が大きすぎます ({size} 文字。上限 {limit} 文字)",
    ),
    "PG611": Message(
        E,
        "filling the placeholders took more than {seconds} s; stopped here",
        "プレースホルダの展開に {seconds} 秒以上かかったため、ここで中止しました",
    ),
    "PG612": Message(
        E,
        "the placeholder asks for too much: {reason}",
        "プレースホルダの処理量が大きすぎます: {reason}",
    ),
    # --- placeholders: the same value every time -----------------------------------
    "PG613": Message(
        E,
        "the filter '{name}' gives another value on each run: a definition "
        "must fill the same way every time (apply pushes only what plan showed)",
        "フィルタ '{name}' は実行のたびに異なる値を返します。定義は毎回同じ値に"
        "展開される必要があります (apply は plan で示した内容だけを反映します)",
    ),
    "PG615": Message(
        I, "the cell's value was filled from {names}", "このセルの値は {names} から埋め込まれました"
    ),
    "PG614": Message(
        E,
        "the placeholder shows an object as it is ({what}), which differs on "
        "each run: make a value of it first (for example with |list or |join)",
        "プレースホルダがオブジェクトをそのまま表示しており ({what})、実行のたびに"
        "値が変わります。先に値に変換してください (|list や |join など)",
    ),
    # --- workbooks out --------------------------------------------------------------
    "PG701": Message(
        E,
        "no example named '{value}'; the examples: {allowed}",
        "'{value}' という例はありません。例: {allowed}",
    ),
    "PG702": Message(
        E,
        "{path}: the output must be an .xlsx workbook{hint}",
        "{path}: 出力先は .xlsx ブックにしてください{hint}",
    ),
    "PG703": Message(
        W,
        "the CIB holds {what}, which the definition format cannot express: it "
        "goes into ADDITIONAL_CONFIG as `{command}`",
        "CIB の {what} は環境定義書の形式で表せないため、ADDITIONAL_CONFIG に "
        "`{command}` として出力します",
    ),
    "PG704": Message(
        W,
        "the CIB holds {what}, which neither the format nor a pcs command "
        "pcsgen writes can express: it is left out",
        "CIB の {what} は環境定義書の形式でも pcs コマンドでも表せないため、出力しません",
    ),
    "PG705": Message(E, "{path} is not a CIB: {reason}", "{path} は CIB ではありません: {reason}"),
    "PG706": Message(
        I,
        "{what} is maintained by Pacemaker itself and is not imported",
        "{what} は Pacemaker 自身が管理する値のため取り込みません",
    ),
    "PG707": Message(
        E,
        "the <{tag}> '{id}' makes the CIB stand for more than {limit} "
        "elements once its id-refs, tags and templates are followed: it is not "
        "read",
        "<{tag}> '{id}' で、id-ref・タグ・テンプレートを展開した CIB の要素数が "
        "{limit} を超えるため、読み込みを中止しました",
    ),
    # --- import: what a CIB holds that the format cannot carry ------------------------
    "PG710": Message(
        W,
        "{owner}: the {kind} values Pacemaker reads after others or under a "
        "rule ({rule}) cannot be written by any table or pcs command; left out: "
        "{names}",
        "{owner}: 他の値より後に、またはルール ({rule}) の下で読まれる {kind} の値は"
        "表でも pcs コマンドでも表せないため出力しません: {names}",
    ),
    "PG711": Message(
        I,
        "'{name}' is set more than once in {owner}: Pacemaker uses the first "
        "value it reads, '{value}', and so does the definition ('{ignored}' is "
        "ignored)",
        "{owner} で '{name}' が複数回設定されています。Pacemaker は最初に読む値 "
        "'{value}' を使うため、定義書もその値とします ('{ignored}' は無視されます)",
    ),
    "PG712": Message(
        W,
        "the description of {kind} '{id}' ('{description}') is left out: no "
        "table or pcs command sets it",
        "{kind} '{id}' の説明 ('{description}') は表でも pcs コマンドでも設定できない"
        "ため出力しません",
    ),
    "PG713": Message(
        W,
        "the instance attributes of {kind} '{id}' are left out: pcs sets "
        "instance attributes on primitives only ({names})",
        "{kind} '{id}' のインスタンス属性は出力しません。pcs はプリミティブにしか"
        "インスタンス属性を設定できません ({names})",
    ),
    "PG714": Message(
        W,
        "the resource template '{id}' is left out: each primitive that uses it "
        "({users}) gets its settings, as Pacemaker expands it",
        "リソーステンプレート '{id}' は出力しません。Pacemaker と同様に、"
        "使用する各プリミティブ ({users}) に設定を展開します",
    ),
    "PG715": Message(
        W,
        "the operation '{op}' (interval {interval}) of '{id}' has attributes no "
        "pcs command sets; left out: {names}",
        "'{id}' のオペレーション '{op}' (interval {interval}) の属性は pcs コマンドで"
        "設定できないため出力しません: {names}",
    ),
    "PG716": Message(
        I,
        "'{id}': the agent's metadata declares operations this CIB does not "
        "configure ({ops}); they are written with interval 0 and nothing else, "
        "which Pacemaker treats as not configured, so that compiling adds none",
        "'{id}': エージェントのメタデータにあり CIB に設定のないオペレーション ({ops}) "
        "は、コンパイル時に追加されないよう interval 0 のみで出力します "
        "(Pacemaker は未設定と同じに扱います)",
    ),
    "PG717": Message(
        W,
        "the lifetime of constraint '{id}'{about} is left out: it is deprecated "
        "and no pcs command sets it",
        "制約 '{id}'{about} の 'lifetime' は非推奨で pcs コマンドでも設定できないため出力しません",
    ),
    "PG718": Message(
        I,
        "the colocation constraint '{id}' has no score or score 0, which "
        "Pacemaker ignores: it is not imported",
        "コロケーション制約 '{id}' はスコアがないか 0 で、Pacemaker は無視するため取り込みません",
    ),
    "PG719": Message(
        I,
        "node '{node}' has the id '{id}', which is not a corosync node id: "
        "give the nodes with --corosync-conf {path} (a CIB gives its nodes' ids) "
        "so that compiling keeps it",
        "ノード '{node}' の id '{id}' は corosync のノード ID ではありません: "
        "コンパイル時に id を保つには --corosync-conf {path} を指定してください "
        "(CIB のノード ID を使います)",
    ),
    "PG720": Message(
        I,
        "'{id}' has a second operation '{op}' with interval 0: Pacemaker "
        "configures the action from the first and ignores this one, so it is not "
        "imported",
        "'{id}' に interval 0 のオペレーション '{op}' が重複しています: Pacemaker は"
        "最初のものだけを使うため、これは取り込みません",
    ),
    # --- import: what pcs refuses, or takes only when forced ---------------------------
    "PG721": Message(
        W,
        "the CIB holds {what}, which pcs refuses unless forced ({reason}): "
        "it goes into ADDITIONAL_CONFIG as `{command}`",
        "CIB の {what} は --force なしでは pcs がエラーにするため ({reason})、"
        "ADDITIONAL_CONFIG に `{command}` として出力します",
    ),
    "PG722": Message(
        W,
        "{what} is left out: pcs {pcs} refuses it even with --force ({reason})",
        "{what} は出力しません: pcs {pcs} は --force を付けてもエラーにします ({reason})",
    ),
    "PG723": Message(
        W,
        "the resource '{id}' is left out: its agent {agent} names a path "
        "({reason}), and pcsgen refuses such a name, since the cluster would run "
        "whatever program it leads to",
        "リソース '{id}' は出力しません: エージェント {agent} がパスを含み ({reason})、"
        "クラスタがその先のプログラムを実行するため pcsgen は受け付けません",
    ),
    "PG724": Message(
        W,
        "{what} is left out: it names '{id}', which is left out",
        "{what} は出力しません: 出力しない '{id}' を参照しています",
    ),
    "PG725": Message(
        W,
        "the {kind} '{name}' ('{value}') of {owner} is left out: pcs {pcs} "
        "cannot set it as written ({reason})",
        "{owner} の {kind} '{name}' ('{value}') は出力しません: pcs {pcs} は"
        "そのまま設定できません ({reason})",
    ),
    "PG726": Message(
        W,
        "the CIB holds {what}, which pcs {pcs} refuses to write even with "
        "--force ({reason}) though Pacemaker runs it: ADDITIONAL_CONFIG builds "
        "it in steps, through a placeholder resource '{placeholder}' removed at "
        "the end: `{commands}`",
        "CIB の {what} は Pacemaker では動作しますが、pcs {pcs} は --force を付けても"
        "直接作成できません ({reason}): ADDITIONAL_CONFIG で仮のリソース "
        "'{placeholder}' を経由して段階的に作成し、最後に仮のリソースを削除します: "
        "`{commands}`",
    ),
    # --- import: what Pacemaker itself ignores or refuses in a CIB ------------------
    "PG727": Message(
        W,
        "the constraint '{id}' is left out: it names '{rsc}', which the CIB "
        "does not hold (Pacemaker ignores such a constraint)",
        "制約 '{id}' は出力しません: CIB にない '{rsc}' を参照しています "
        "(Pacemaker はこの制約を無視します)",
    ),
    "PG728": Message(
        W,
        "<{tag}> '{id}' is left out: an element before it in the CIB has the "
        "same id, and Pacemaker refuses a CIB that uses an id twice",
        "<{tag}> '{id}' は出力しません: CIB のより前の要素が同じ id を持ち、"
        "Pacemaker は id が重複した CIB を受け付けません",
    ),
    "PG729": Message(
        W,
        "<{tag}> '{id}' in the clone '{clone}' is left out: a clone holds one "
        "resource, and Pacemaker clones only the first ('{first}')",
        "クローン '{clone}' 内の <{tag}> '{id}' は出力しません: クローンが持てる"
        "リソースは 1 つで、Pacemaker は最初の '{first}' だけをクローンします",
    ),
    "PG730": Message(
        W,
        "the operation '{op}' of '{id}' is left out: '{role}' is no role "
        "Pacemaker knows (its schema refuses it)",
        "'{id}' のオペレーション '{op}' は出力しません: '{role}' は Pacemaker の"
        "ロールではありません (スキーマが受け付けません)",
    ),
    "PG731": Message(
        W,
        "the primitive '{id}' is left out: it has no '{attribute}', so "
        "Pacemaker has no agent to run (its schema refuses it)",
        "プリミティブ '{id}' は出力しません: '{attribute}' がなく、Pacemaker が"
        "実行するエージェントがありません (スキーマが受け付けません)",
    ),
    "PG732": Message(
        W,
        "<{tag}> '{id}' is left out: it holds no resource, and Pacemaker refuses it",
        "<{tag}> '{id}' は出力しません: リソースを 1 つも持たず、Pacemaker が受け付けません",
    ),
    "PG733": Message(
        I,
        "the cluster option '{name}' ('{value}') is a Pacemaker 1.x name that "
        "Pacemaker 2.0 and later ignore: it is not imported",
        "クラスタオプション '{name}' ('{value}') は Pacemaker 1.x の名前で、"
        "Pacemaker 2.0 以降は無視するため取り込みません",
    ),
    "PG734": Message(
        I,
        "the cluster option '{name}' ('{value}') is a Pacemaker 1.x name: "
        "Pacemaker's schema upgrade moves it into {section} as {moved}, and so "
        "does the import (unless {section} sets that name)",
        "クラスタオプション '{name}' ('{value}') は Pacemaker 1.x の名前です: "
        "Pacemaker のスキーマ更新は {section} の {moved} に移すため、取り込みも"
        "そこに置きます ({section} がその名前を設定していない場合)",
    ),
    "PG735": Message(
        W,
        "'{id}' has {count} operations '{op}' with interval {interval}: Pacemaker "
        "refuses a name and interval used twice and runs none of them, so they are "
        "left out",
        "'{id}' に interval {interval} のオペレーション '{op}' が {count} 個あります: "
        "Pacemaker は同じ名前と間隔の組を重複として扱い、どれも実行しないため出力しません",
    ),
    # --- live cluster -------------------------------------------------------------
    "PG801": Message(
        E,
        "{tool} is not installed: this needs Pacemaker's command-line tools",
        "{tool} がインストールされていません (Pacemaker のコマンドが必要です)",
    ),
    "PG802": Message(
        E, "cannot read the live CIB: {reason}", "稼働中のクラスタの CIB を取得できません: {reason}"
    ),
    "PG803": Message(
        E,
        "the live CIB changed since the plan was made (epoch {expected}, now "
        "{found}): nothing pushed; run plan again",
        "plan の後に稼働中の CIB が変更されました (epoch {expected} -> {found})。"
        "何も反映していません。plan からやり直してください",
    ),
    "PG808": Message(
        E,
        "the configuration to push is not the one the plan showed (digest "
        "{expected}, now {found}): the definition, its variables or the live "
        "nodes changed since; nothing pushed; run plan again",
        "反映する設定が plan で示したものと異なります (ダイジェスト {expected} -> "
        "{found})。定義、変数、または稼働中のノードが変わっています。何も反映して"
        "いません。plan からやり直してください",
    ),
    "PG804": Message(
        E,
        "the cluster refused the configuration: {reason}",
        "クラスタが設定を受け付けませんでした: {reason}",
    ),
    "PG805": Message(E, "cannot simulate: {reason}", "シミュレーションできません: {reason}"),
    "PG815": Message(
        E,
        "this machine's crm_simulate (Pacemaker {local}) is too old for this "
        "target's CIB (schema {schema}): simulate on a machine with the "
        "target's Pacemaker, or give the --target of this machine's release",
        "このマシンの crm_simulate (Pacemaker {local}) はこのターゲットの CIB "
        "(スキーマ {schema}) には古すぎます。ターゲットの Pacemaker があるマシンで"
        "実行するか、このマシンのリリースの --target を指定してください",
    ),
    "PG806": Message(
        E, "'{value}' is not NODE:NAME=VALUE", "'{value}' は NODE:NAME=VALUE の形式ではありません"
    ),
    "PG807": Message(
        E,
        "no node to simulate on: give --node NAME, --corosync-conf or a NODE table",
        "シミュレーションするノードがありません: --node、--corosync-conf、NODE 表の"
        "いずれかで指定してください",
    ),
    # --- the lab: a real cluster on this machine (pcsgen lab, apply --lab, test run) ------
    "PG900": Message(
        E,
        "the lab needs Linux (namespaces, corosync, Pacemaker); this is {system}",
        "ラボには Linux (名前空間、corosync、Pacemaker) が必要です。この環境は {system} です",
    ),
    "PG901": Message(
        E,
        "the lab needs root: it makes namespaces, mounts and a bridge (run it with sudo)",
        "ラボには root 権限が必要です (名前空間、マウント、ブリッジを作成します)。"
        "sudo で実行してください",
    ),
    "PG902": Message(
        E,
        "{tool} is not installed: the lab needs corosync, Pacemaker and util-linux/iproute2",
        "{tool} がインストールされていません。ラボには corosync、Pacemaker、"
        "util-linux と iproute2 が必要です",
    ),
    "PG903": Message(
        E,
        "namespaces are not available here: {reason}",
        "この環境では名前空間を使えません: {reason}",
    ),
    "PG904": Message(
        E,
        "a lab named '{name}' already runs: stop it with `pcsgen lab down "
        "--name {name}` or choose another --name",
        "ラボ '{name}' は既に稼働しています。`pcsgen lab down --name {name}` で"
        "停止するか、別の --name を指定してください",
    ),
    "PG905": Message(
        E,
        "no lab named '{name}' runs: start one with `pcsgen lab up DEFINITION`",
        "ラボ '{name}' は稼働していません。`pcsgen lab up DEFINITION` で起動してください",
    ),
    "PG906": Message(
        E,
        "'{name}' is not a lab name: letters, digits, '-' and '_', at most 32",
        "'{name}' はラボ名に使えません。英数字、'-'、'_' で 32 文字以内にしてください",
    ),
    "PG907": Message(
        E,
        "the lab has no node '{node}'; its nodes: {nodes}",
        "ラボにノード '{node}' はありません。ノード: {nodes}",
    ),
    "PG908": Message(
        E,
        "the lab could not start: {reason} (see {log})",
        "ラボを起動できませんでした: {reason} ({log} を参照)",
    ),
    "PG909": Message(
        E,
        "the lab's cluster did not settle within {seconds} s (see the logs under {log})",
        "ラボのクラスタが {seconds} 秒以内に安定しませんでした ({log} 配下のログを参照)",
    ),
    "PG910": Message(
        E,
        "the lab's power switch does not answer: {reason}",
        "ラボの電源スイッチが応答しません: {reason}",
    ),
    "PG911": Message(
        I,
        "stand-in: {id} ({agent}) runs as {standin} in the lab: {reason}",
        "代替: {id} ({agent}) はラボでは {standin} として動作します: {reason}",
    ),
    "PG912": Message(
        W,
        "{id}: the address {old} is outside the lab network; it runs as {new}",
        "{id}: アドレス {old} はラボのネットワーク外のため {new} で動作させます",
    ),
    "PG913": Message(
        I,
        "lab '{name}' is up: nodes {nodes}; quorate after {quorate} s, a DC after {dc} s",
        "ラボ '{name}' が起動しました: ノード {nodes}。クォーラム獲得まで {quorate} "
        "秒、DC 選出まで {dc} 秒",
    ),
    "PG914": Message(
        I,
        "lab '{name}' is down: nothing of it is left",
        "ラボ '{name}' を停止しました。何も残っていません",
    ),
    "PG915": Message(
        E,
        "a lab has 1 to {limit} nodes, not {count}",
        "ラボのノード数は 1 から {limit} です ({count} は指定できません)",
    ),
    "PG916": Message(
        E, "the lab node {node} is powered off", "ラボのノード {node} は電源が切れています"
    ),
    "PG917": Message(
        E,
        "`{command}` failed on the lab node {node}: {reason}",
        "ラボのノード {node} で `{command}` が失敗しました: {reason}",
    ),
    "PG918": Message(
        E,
        "give the command to run after `--`: pcsgen lab exec NODE -- CMD ...",
        "実行するコマンドを `--` の後に指定してください: pcsgen lab exec NODE -- CMD ...",
    ),
    "PG919": Message(
        I,
        "pushed into lab '{name}' (epoch {epoch}); every resource settled after {seconds} s",
        "ラボ '{name}' に反映しました (epoch {epoch})。{seconds} 秒後に全リソースが安定しました",
    ),
    "PG920": Message(
        E,
        "the lab's cluster refused the configuration: {reason}",
        "ラボのクラスタが設定を受け付けませんでした: {reason}",
    ),
    "PG921": Message(
        W,
        "the resources did not settle within {seconds} s of the push",
        "反映から {seconds} 秒以内にリソースが安定しませんでした",
    ),
    "PG922": Message(
        I,
        "[{index}/{count}] {title} ... ({elapsed} s)",
        "[{index}/{count}] {title} ... ({elapsed} 秒)",
    ),
    "PG923": Message(
        I,
        "[{index}/{count}] {verdict}: {title} (recovered in {seconds} s)",
        "[{index}/{count}] {verdict}: {title} (復旧まで {seconds} 秒)",
    ),
    "PG924": Message(
        W,
        "[{index}/{count}] not run in the lab: {title}: {reason}",
        "[{index}/{count}] ラボでは実行していません: {title}: {reason}",
    ),
    "PG925": Message(
        W,
        "interrupted: the lab is restored and torn down",
        "中断されました: ラボを復旧し停止します",
    ),
    "PG926": Message(
        I,
        "{passed} of {run} scenarios as expected, {failed} not, {skipped} not run in the lab",
        "{run} 件中 {passed} 件が期待どおり、{failed} 件が期待と異なり、{skipped} 件は"
        "ラボで実行していません",
    ),
    "PG927": Message(
        E,
        "the lab did not return to the steady state after the scenario '{title}': {reason}",
        "シナリオ '{title}' の後、ラボが定常状態に戻りませんでした: {reason}",
    ),
    "PG928": Message(
        I,
        "the lab '{name}' was left running (--keep): stop it with `pcsgen lab down --name {name}`",
        "ラボ '{name}' を稼働したままにしました (--keep)。`pcsgen lab down --name "
        "{name}` で停止してください",
    ),
    # --- progress and results of simulate and test run --------------------------------
    "PG936": Message(
        I,
        "simulating scenario {index} of {count} ({elapsed} s)",
        "シナリオ {count} 件中 {index} 件目をシミュレーション中 ({elapsed} 秒)",
    ),
    # reasons for a stand-in, shown inside PG911
    "PG930": Message(
        I, "systemd does not run inside the lab's nodes", "ラボのノードでは systemd が動作しません"
    ),
    "PG931": Message(
        I,
        "its fencing hardware is not in the lab: the lab's power switch fences instead",
        "フェンシング用のハードウェアがラボにないため、ラボの電源スイッチでフェンシングします",
    ),
    "PG932": Message(
        I, "the agent is not installed here", "エージェントがこのマシンにインストールされていません"
    ),
    "PG933": Message(
        I,
        "the program it needs ({program}) is not installed here",
        "必要なプログラム ({program}) がこのマシンにインストールされていません",
    ),
    "PG934": Message(
        I,
        "shared storage and its devices are not in the lab",
        "共有ストレージとそのデバイスはラボにありません",
    ),
    "PG937": Message(
        I,
        "the lab runs for real only agents whose effects stay inside its nodes; this "
        "one may reach the host's files or programs",
        "ラボで実際に動かすのは、影響がノードの中にとどまるエージェントだけです。この"
        "エージェントはホストのファイルやプログラムに及ぶおそれがあります",
    ),
    "PG935": Message(
        I,
        "it publishes the node attribute {name} = {value} as the real agent does when healthy",
        "正常時の実エージェントと同じくノード属性 {name} = {value} を設定します",
    ),
    # --- failure scenarios (simulate) ----------------------------------------------
    "PG820": Message(
        E,
        "'{value}' is not RSC[:ACTION][@NODE] (ACTION: monitor, start or stop)",
        "'{value}' は RSC[:ACTION][@NODE] の形式ではありません (ACTION は monitor、"
        "start、stop のいずれか)",
    ),
    "PG821": Message(
        E, "'{value}' is not NODE:NAME", "'{value}' は NODE:NAME の形式ではありません"
    ),
    "PG822": Message(E, "no resource '{id}' to fail", "故障させるリソース '{id}' はありません"),
    "PG823": Message(
        E,
        "'{id}' is not a primitive: fail one of its primitives ({members})",
        "'{id}' はプリミティブではありません。含まれるプリミティブ ({members}) の"
        "いずれかを指定してください",
    ),
    "PG824": Message(
        E,
        "'{id}' does not run on {node} in the steady state (it runs on: {where})",
        "'{id}' は定常状態で {node} では稼働していません (稼働ノード: {where})",
    ),
    "PG825": Message(
        E,
        "'{id}' runs nowhere in the steady state: there is nothing to fail",
        "'{id}' は定常状態でどのノードでも稼働していないため、故障させられません",
    ),
    "PG826": Message(
        W,
        "the steady state is not reached: with every node up, {resources} can "
        "run nowhere; the scenarios start from this state",
        "定常状態になりません: 全ノード起動時に {resources} がどのノードでも起動"
        "できません。各シナリオはこの状態から始まります",
    ),
    "PG827": Message(
        W,
        "the location rules of {resources} test the node attribute {name}, which "
        "no resource of the definition publishes and no --attr gives (on {nodes}): "
        "give it with --attr NODE:{name}=VALUE",
        "{resources} のロケーションルールが参照するノード属性 {name} は、定義の"
        "どのリソースも設定せず --attr でも指定されていません ({nodes})。"
        "--attr NODE:{name}=VALUE で指定してください",
    ),
    "PG828": Message(
        E,
        "'{id}' has no recurring monitor on {node}: Pacemaker would not notice it failing",
        "'{id}' には {node} での定期 monitor がないため、Pacemaker は故障を検知しません",
    ),
    "PG829": Message(
        E,
        "unknown node '{node}' in {option}; the nodes: {nodes}",
        "{option} のノード '{node}' はありません。ノード: {nodes}",
    ),
    "PG830": Message(
        W,
        "the healthy value of the node attribute {name} cannot be worked out "
        "from the definition (on {nodes}): give it with --attr NODE:{name}=VALUE",
        "ノード属性 {name} の正常時の値を定義から求められません ({nodes})。"
        "--attr NODE:{name}=VALUE で指定してください",
    ),
    "PG831": Message(
        W,
        "{wanted} simulations were asked for and {limit} at most are run: the last "
        "{skipped} scenarios are left out; raise the limit with --max-simulations "
        "{wanted}",
        "シミュレーションは {wanted} 回必要ですが、実行は最大 {limit} 回のため、最後の "
        "{skipped} 件のシナリオを省略しました。--max-simulations {wanted} で上限を"
        "引き上げられます",
    ),
    "PG832": Message(
        W,
        "crm_simulate ran {runs} of the {wanted} simulations asked for within "
        "{seconds} s: {skipped} scenarios are left out; name fewer nodes with "
        "--node, or ask for one event with --fail, --attr-change or --attr-unset",
        "{seconds} 秒以内に crm_simulate を {wanted} 回中 {runs} 回しか実行できず、"
        "{skipped} 件のシナリオを省略しました。--node でノードを絞るか、--fail・"
        "--attr-change・--attr-unset で事象を一つ指定してください",
    ),
    "PG833": Message(
        E,
        "crm_simulate did not finish within {seconds} s",
        "crm_simulate が {seconds} 秒以内に終了しませんでした",
    ),
    # --- design: graph and report -------------------------------------------------
    "PG740": Message(
        W,
        "Graphviz's dot is not installed: wrote {path} instead; render it with: "
        "dot -T{format} {path} -o {output}",
        "Graphviz の dot がインストールされていないため、代わりに {path} を出力しました。"
        "描画するには: dot -T{format} {path} -o {output}",
    ),
    "PG741": Message(
        E, "{path}: the output must be {allowed}", "{path}: 出力先は {allowed} にしてください"
    ),
    "PG742": Message(
        E, "Graphviz's dot failed: {reason}", "Graphviz の dot が失敗しました: {reason}"
    ),
    "PG747": Message(
        E,
        "Graphviz's dot did not lay the diagram out within {seconds} s",
        "Graphviz の dot が {seconds} 秒以内に構成図を配置できませんでした",
    ),
    "PG743": Message(
        I,
        "crm_simulate is not installed: the report has no placement tables",
        "crm_simulate がインストールされていないため、レポートに配置表はありません",
    ),
    "PG744": Message(
        W, "the report has no placement tables: {reason}", "レポートに配置表がありません: {reason}"
    ),
    "PG745": Message(
        W,
        "Graphviz's dot is not installed: the report gives the diagram as DOT text",
        "Graphviz の dot がインストールされていないため、レポートの構成図は DOT 形式のテキストです",
    ),
    "PG746": Message(
        W,
        "the report gives the diagram as DOT text: Graphviz's dot could not draw it ({reason})",
        "Graphviz の dot で構成図を描画できなかったため、レポートの構成図は DOT 形式の"
        "テキストです ({reason})",
    ),
    # --- Ansible: inventories and the collection's module --------------------------
    "PG950": Message(
        E,
        "--inventory needs Ansible's own inventory loader, which is not "
        "installed: pip install 'pcsgen[ansible]' (ansible-core 2.14 or later)",
        "--inventory には Ansible のインベントリ読み込み機能が必要ですが、"
        "インストールされていません: pip install 'pcsgen[ansible]' "
        "(ansible-core 2.14 以降)",
    ),
    "PG951": Message(
        E,
        "cannot read the inventory {path}: {reason}",
        "インベントリ {path} を読み込めません: {reason}",
    ),
    "PG952": Message(
        E,
        "the inventory file {path} is executable: pcsgen reads INI and YAML "
        "inventories only and runs no inventory script",
        "インベントリファイル {path} に実行権限があります: pcsgen は INI と YAML の"
        "インベントリだけを読み、インベントリスクリプトは実行しません",
    ),
    "PG953": Message(
        E,
        "the inventory is too large to read safely ({reason})",
        "インベントリが大きすぎるため読み込みません ({reason})",
    ),
    "PG954": Message(
        E,
        "no host '{host}' in the inventory; its hosts: {hosts}",
        "インベントリにホスト '{host}' はありません。ホスト: {hosts}",
    ),
    "PG955": Message(
        E,
        "no group '{group}' with hosts in the inventory; its groups: {groups}",
        "インベントリにホストを含むグループ '{group}' はありません。グループ: {groups}",
    ),
    "PG956": Message(
        E,
        "which host of the inventory is the definition for? Give --host NAME "
        "or --limit GROUP ({choices})",
        "定義をインベントリのどのホストとして展開するか決められません。--host NAME "
        "または --limit GROUP を指定してください ({choices})",
    ),
    "PG957": Message(
        E,
        "the inventory variable '{name}' of host {host} cannot be used: {reason}",
        "ホスト {host} のインベントリ変数 '{name}' は使えません: {reason}",
    ),
    "PG958": Message(
        E,
        "the host '{host}' (--host) is not in the group '{group}' (--limit)",
        "ホスト '{host}' (--host) はグループ '{group}' (--limit) に属していません",
    ),
    "PG959": Message(
        E,
        "--limit and --host choose a host of an inventory: give --inventory PATH",
        "--limit と --host はインベントリのホストを選びます: --inventory PATH を指定してください",
    ),
    "PG960": Message(
        E,
        "the variable '{name}' given by the caller (a playbook task) cannot be used: {reason}",
        "呼び出し元 (プレイブックのタスク) が渡した変数 '{name}' は使えません: {reason}",
    ),
    # --- output and environment ------------------------------------------------
    "PG501": Message(E, "cannot write {path}: {reason}", "{path} に書き込めません: {reason}"),
    "PG502": Message(
        E,
        "output {path} is the same file as {other}",
        "出力先 {path} が {other} と同じファイルです",
    ),
    "PG503": Message(
        W,
        "pcs is not installed: the CIB lacks the {count} ADDITIONAL_CONFIG "
        "command(s); they are kept in the script",
        "pcs がインストールされていないため、追加設定 {count} 件はCIBに反映されて"
        "いません (スクリプトには出力します)",
    ),
    "PG504": Message(
        E,
        "pcs rejected the ADDITIONAL_CONFIG command: {reason}",
        "追加設定のpcsコマンドがエラーになりました: {reason}",
    ),
    "PG505": Message(
        E,
        "an ADDITIONAL_CONFIG cell must hold pcs commands: {reason}",
        "追加設定には pcs コマンドを記述してください: {reason}",
    ),
    "PG506": Message(
        I,
        "no metadata for agent {agent}: the CIB lacks the operations pcs copies from it",
        "エージェント {agent} のメタデータがないため、pcs がメタデータから追加する"
        "オペレーションはCIBに含まれません",
    ),
    "PG507": Message(
        E,
        "internal error: {reason} (please report it; --debug shows details)",
        "内部エラー: {reason} (--debug で詳細を表示します)",
    ),
    "PG509": Message(
        E,
        "unknown target '{value}'; expected one of: {allowed}",
        "不明なターゲット '{value}' です。有効な値: {allowed}",
    ),
    # --- compile-time safety: ADDITIONAL_CONFIG and outputs -------------------------
    "PG520": Message(
        E,
        "`pcs {command}` is not allowed in ADDITIONAL_CONFIG: {reason}",
        "ADDITIONAL_CONFIG では `pcs {command}` は使えません: {reason}",
    ),
    "PG521": Message(
        E,
        "the pcs option '{option}' is not allowed in ADDITIONAL_CONFIG: {reason}",
        "ADDITIONAL_CONFIG では pcs のオプション '{option}' は使えません: {reason}",
    ),
    "PG522": Message(
        W,
        "ADDITIONAL_CONFIG is not applied (--no-additional-config): the CIB "
        "lacks the {count} command(s); they are kept in the script",
        "ADDITIONAL_CONFIG を適用していません (--no-additional-config): 追加設定 "
        "{count} 件は CIB に反映されていません (スクリプトには出力します)",
    ),
    "PG523": Message(
        E,
        "output {path} exists and is not a regular file ({kind}); nothing written",
        "出力先 {path} は通常のファイルではありません ({kind})。何も出力していません",
    ),
    "PG524": Message(
        W,
        "ADDITIONAL_CONFIG ran with this machine's pcs {local}, the target's "
        "is pcs {target}: the CIB holds what pcs {local} made of the commands; "
        "the script runs them with the target's pcs",
        "ADDITIONAL_CONFIG はこのマシンの pcs {local} で実行しました。対象の pcs は "
        "{target} です: CIB には pcs {local} による結果が入ります (スクリプトは対象の "
        "pcs で実行します)",
    ),
    "PG525": Message(
        E,
        "{path} exists and is not a document pcsgen wrote and nobody changed "
        "since; nothing written (--force replaces it)",
        "{path} は既に存在し、pcsgen が出力したまま変更されていない文書では"
        "ありません。何も出力していません (--force で置き換えます)",
    ),
    "PG526": Message(
        W,
        "this machine's pcs {local} refused the ADDITIONAL_CONFIG command, which is "
        "written for the target's pcs {target}: the CIB lacks what it makes, and the "
        "script runs it with the target's pcs ({reason})",
        "このマシンの pcs {local} が追加設定のコマンドをエラーにしました。コマンドは"
        "対象の pcs {target} 向けです: CIB にはその結果が入りません。スクリプトは対象の "
        "pcs で実行します ({reason})",
    ),
    "PG527": Message(
        E,
        "the ADDITIONAL_CONFIG commands ran for more than {seconds} s in all: this one "
        "and the {rest} after it were not run",
        "追加設定のコマンドの実行が合計 {seconds} 秒を超えました: このコマンドと"
        "後続の {rest} 個は実行していません",
    ),
    "PG540": Message(
        E, "no such option: {option}{hint}", "そのようなオプションはありません: {option}{hint}"
    ),
    "PG541": Message(
        E,
        "invalid value '{value}' for {option}; expected one of: {allowed}",
        "{option} の値 '{value}' は不正です。指定できる値: {allowed}",
    ),
    "PG542": Message(E, "missing {name}", "{name} が指定されていません"),
    "PG543": Message(
        E, "the command line is not valid: {reason}", "コマンドラインが不正です: {reason}"
    ),
    "PG545": Message(E, "unexpected argument(s): {words}", "余分な引数があります: {words}"),
    "PG544": Message(
        E,
        "no such command '{command}'{hint} (a definition file must exist; "
        "`pcsgen -h` lists the commands)",
        "コマンド '{command}' はありません{hint} (定義ファイルの場合は存在する"
        "ファイルを指定してください。コマンドの一覧は `pcsgen -h`)",
    ),
    # --- migration from pm_crmgen (pcsgen import --from pm_crmgen) ----------------
    "PG970": Message(
        E,
        "reading an .xls workbook needs the xlrd package (pip install xlrd), "
        "or save the sheet as .xlsx or CSV",
        ".xls ブックの読み込みには xlrd パッケージが必要です (pip install xlrd)。"
        "または .xlsx か CSV で保存してください",
    ),
    "PG971": Message(
        E,
        "cannot read the pm_crmgen definition: {reason}",
        "pm_crmgen 環境定義書を読み込めません: {reason}",
    ),
    "PG972": Message(
        E,
        "unknown pm_crmgen table marker '{marker}'; expected one of: {allowed}",
        "pm_crmgen の表ヘッダ '{marker}' は未定義です。指定できる表ヘッダ: {allowed}",
    ),
    "PG973": Message(
        E,
        "table {table}: column '{column}' is missing or repeated",
        "表 {table}: 列 '{column}' がないか、重複しています",
    ),
    "PG974": Message(
        E,
        "a data row outside a table (table {table}): the marker or the "
        "sub-table marker (P, A, O, R) is missing",
        "表の外にデータ行があります (表 {table}): 表ヘッダまたはサブ表ヘッダ "
        "(P、A、O、R) がありません",
    ),
    "PG975": Message(
        E,
        "table {table}: the row needs a value in {column}",
        "表 {table}: この行には {column} の値が必要です",
    ),
    "PG976": Message(
        I,
        "'{old}' becomes the pcs command in ADDITIONAL_CONFIG: {command}",
        "'{old}' は ADDITIONAL_CONFIG の pcs コマンドになります: {command}",
    ),
    "PG977": Message(
        E,
        "resource '{id}' is not in RESOURCES or has no PRIMITIVE table",
        "リソース '{id}' がリソース構成表にないか、Primitive 表がありません",
    ),
    "PG978": Message(
        E, "invalid value '{value}' in {column}", "{column} の値 '{value}' は不正です"
    ),
    "PG979": Message(
        W,
        "table {table}: unknown column '{column}' is ignored",
        "表 {table}: 未定義の列 '{column}' は無視します",
    ),
    "PG980": Message(
        W,
        "the crm line has no exact pcs translation; it is kept as a comment to "
        "translate by hand: {old}",
        "crm の行を pcs コマンドに正確に変換できないため、手で変換するよう"
        "コメントとして残します: {old}",
    ),
    "PG981": Message(I, "role '{old}' becomes '{new}'", "ロール '{old}' は '{new}' になります"),
    "PG982": Message(
        I,
        "{old} resource '{id}' becomes a promotable clone",
        "{old} リソース '{id}' は promotable クローンになります",
    ),
    "PG983": Message(
        I,
        "the group of fence devices '{id}' is dissolved: {devices} stand alone "
        "and are tried in fencing levels",
        "STONITH グループ '{id}' を解消します: {devices} は単独のフェンスデバイスと"
        "なり、フェンシングレベルの順に実行されます",
    ),
    "PG984": Message(
        I, "agent {old} of '{id}' becomes {new}", "'{id}' のエージェント {old} は {new} になります"
    ),
    "PG985": Message(
        W,
        "agent {old} of '{id}' is not shipped on the target; it is kept: "
        "install it, or replace it (with {replacement})",
        "'{id}' のエージェント {old} は移行先で提供されていません。そのまま残します: "
        "導入するか置き換えてください (代替: {replacement})",
    ),
    "PG986": Message(
        W,
        "stonith plugin {old} of '{id}' has no fence agent: the device is left "
        "out; what replaces it: {replacement} (the report says how)",
        "'{id}' の STONITH プラグイン {old} に相当するフェンスエージェントはないため、"
        "デバイスを除きます。代替: {replacement} (方法はレポートを参照)",
    ),
    "PG987": Message(
        I,
        "stonith plugin {old} of '{id}' becomes fence agent {new}",
        "'{id}' の STONITH プラグイン {old} はフェンスエージェント {new} になります",
    ),
    "PG988": Message(
        I,
        "parameter {old} of '{id}' becomes {new}",
        "'{id}' のパラメータ {old} は {new} になります",
    ),
    "PG989": Message(
        W,
        "parameter {name} of '{id}' has no equivalent in {agent}: left out",
        "'{id}' のパラメータ {name} に相当するものが {agent} にないため除きます",
    ),
    "PG990": Message(
        I,
        "cluster option '{name}' no longer exists: it becomes {new} in {table}",
        "クラスタ・プロパティ '{name}' は廃止されたため、{table} の {new} になります",
    ),
    "PG991": Message(
        W,
        "'{id}' ({agent}) needs what the old plugin did without; set those it needs of: {names}",
        "'{id}' ({agent}) には旧プラグインになかった設定が必要です。次のうち必要な"
        "ものを設定してください: {names}",
    ),
    "PG992": Message(
        I,
        "meta attribute {old} of '{id}' becomes {new}",
        "'{id}' のメタ属性 {old} は {new} になります",
    ),
    "PG993": Message(
        W,
        "per-node parameters of '{id}' ({rule}: {names}) cannot be held by "
        "pm_pcsgen's format or pcs: they are left out; set them by hand",
        "'{id}' のノード毎のパラメータ ({rule}: {names}) は pm_pcsgen の形式でも "
        "pcs でも表せないため除きます。手で設定してください",
    ),
    "PG994": Message(
        I,
        "node {node} is fenced by the levels {devices}, in the order of the group that held them",
        "ノード {node} は、元のグループの順にフェンシングレベル {devices} でフェンシングされます",
    ),
    "PG995": Message(
        I,
        "the constraint on the fence group '{old}' now applies to its device '{new}'",
        "STONITH グループ '{old}' の制約は、デバイス '{new}' に適用します",
    ),
    "PG996": Message(
        I,
        "LOCATION shorthand {shorthand} of '{rsc}' becomes {new}",
        "'{rsc}' の LOCATION 簡易列 {shorthand} は {new} になります",
    ),
    "PG997": Message(
        W,
        "{what} is not carried over (the report names why)",
        "{what} は移行しません (理由はレポートを参照)",
    ),
    "PG998": Message(
        I,
        "added what pm_crmgen generated: {what}",
        "pm_crmgen が生成していた制約を追加します: {what}",
    ),
    "PG999": Message(
        I, "order score {old} becomes kind {new}", "順序制約のスコア {old} は種別 {new} になります"
    ),
}


def default_severity(code: str) -> Severity:
    return CATALOGUE[code].severity


def render(code: str, lang: str, args: Mapping[str, Any]) -> str:
    entry = CATALOGUE.get(code)
    if entry is None:
        return f"{code} {dict(args)}"
    text = entry.ja if lang == "ja" else entry.en
    args = {name: _localised(value, lang) for name, value in args.items()}
    try:
        return text.format(**args)
    except (KeyError, IndexError, ValueError):
        return f"{text} {dict(args)}"


def _localised(value: Any, lang: str) -> Any:
    if isinstance(value, Joined):
        return ("、" if lang == "ja" else ", ").join(
            str(_localised(part, lang)) for part in value.parts
        )
    if isinstance(value, Phrase):
        return text(value.key, lang, **{k: _localised(v, lang) for k, v in value.args.items()})
    return value


def phrase_text(value: Any, lang: str) -> str:
    """A Phrase, a Joined list of them, or plain text, as words in LANG."""
    return str(_localised(value, lang))
