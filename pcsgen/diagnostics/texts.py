"""The catalogue's phrases: the parts of messages (reasons, hints, kinds, words of the
lab and the test plan) and the lines commands print, each in English and Japanese, by
key. A Phrase (phrase.py) names one; the messages (messages.py) render them inside their
texts. Kept apart from the messages so that a phrase renders without them."""

from __future__ import annotations

from typing import Any, Dict, Tuple

# Lines the commands print that are not diagnostics (plan, apply, simulate).
TEXTS: Dict[str, Tuple[str, str]] = {
    "equal": ("The configurations are equal.", "設定は同じです。"),
    "did_you_mean": ("; did you mean {name}?", "。{name} ではありませんか?"),
    # --- the import's parts of messages: what a CIB holds, and pcs's reasons ------------
    "imp_with_note": ("{what} ({note})", "{what} ({note})"),
    "imp_node": ("node {name}", "ノード {name}"),
    "imp_value_line_break": (
        "the value of '{name}' of {owner} (it holds a line break)",
        "{owner} の '{name}' の値 (改行を含みます)",
    ),
    "imp_value_spaces": (
        "the value of '{name}' of {owner} (with spaces at an end)",
        "{owner} の '{name}' の値 (前後に空白があります)",
    ),
    "imp_cluster_property": ("the cluster property '{name}'", "クラスタ・プロパティ '{name}'"),
    "imp_node_score": ("the score of node '{name}'", "ノード '{name}' のスコア"),
    "imp_defaults_layer": (
        "{tag} read after others or under a rule",
        "他の値より後に、またはルールの下で読まれる {tag}",
    ),
    "imp_group": ("the group '{id}'", "グループ '{id}'"),
    "imp_clone": ("the clone '{id}'", "クローン '{id}'"),
    "imp_primitive": ("the primitive '{id}'", "プリミティブ '{id}'"),
    "imp_element": ("the <{tag}> '{id}'", "<{tag}> '{id}'"),
    "imp_promotable_setting": (
        "the promotable setting of '{id}' (it is written as a clone)",
        "'{id}' の昇格可能の設定 (クローンとして出力します)",
    ),
    "imp_fence_clone": (
        "the clone '{id}' of the fence device '{device}'{meta}: constraints on "
        "'{id}' apply to '{device}'",
        "フェンスデバイス '{device}' のクローン '{id}'{meta} ('{id}' への制約は "
        "'{device}' に適用します)",
    ),
    "imp_fence_clone_meta": (" and its meta attributes ({names})", " とそのメタ属性 ({names})"),
    "imp_clone_of": ("the clone '{id}' of '{child}'", "'{child}' のクローン '{id}'"),
    "imp_promotable_clone_of": (
        "the promotable clone '{id}' of '{child}'",
        "'{child}' の昇格可能クローン '{id}'",
    ),
    "imp_unique_clone_of": (
        "the globally unique clone '{id}' of '{child}'",
        "'{child}' の globally-unique なクローン '{id}'",
    ),
    "imp_meta_of": ("the meta attributes of '{id}'", "'{id}' のメタ属性"),
    "imp_fence_action": (
        "the 'action' of the fence device '{id}'",
        "フェンスデバイス '{id}' の 'action'",
    ),
    "imp_unique_repeated": (
        "the value of {names} of '{id}', which '{first}' holds too",
        "'{id}' の {names} の値 ('{first}' と同じ値)",
    ),
    "imp_unknown_parameters": (
        "the parameters {names} of '{id}', unknown to {agent}",
        "'{id}' のパラメータ {names} ({agent} にはありません)",
    ),
    "imp_ops_ref": (
        "the operations '{ref}' of '{id}' (the id-ref names nothing)",
        "'{id}' のオペレーション '{ref}' (id-ref の参照先がありません)",
    ),
    "imp_op_instance": ("instance {pair}", "インスタンス属性 {pair}"),
    "imp_op_under": ("{pair} (under {rule})", "{pair} (ルール {rule} の下)"),
    "imp_later_block": ("a later block", "後続のブロック"),
    "imp_bundle": ("the bundle '{id}'", "バンドル '{id}'"),
    "imp_bundle_no_container": (
        "the bundle '{id}' (no container)",
        "バンドル '{id}' (コンテナがありません)",
    ),
    "imp_in_bundle": (
        "the primitive '{id}' in bundle '{bundle}'",
        "バンドル '{bundle}' 内のプリミティブ '{id}'",
    ),
    "imp_no_monitor": ("no monitor for '{id}'", "'{id}' に 'monitor' オペレーションがないこと"),
    "imp_utilization_of": ("the utilization of '{id}'", "'{id}' の utilization"),
    # why a placeholder asks for too much (PG612; pcsgen.compiler.variables)
    "var_r_memory": (
        "it needs more memory than allowed",
        "許容されるより多くのメモリが必要です",
    ),
    "var_r_recursion": ("it recurses too deeply", "再帰が深すぎます"),
    "var_r_power": (
        "the power {left}**{right} is too large",
        "べき乗 {left}**{right} が大きすぎます",
    ),
    "var_r_repetition": (
        "a repetition of {count} times makes more than {limit} items",
        "{count} 回の繰り返しで {limit} 個を超えます",
    ),
    "var_r_signal": (
        "the filling ended with signal {signal}",
        "値の埋め込みがシグナル {signal} で終了しました",
    ),
    # PG710's rule of a block with none, read after one under a rule
    "imp_no_rule": (
        "none: it is read after a block under a rule",
        "なし: ルールの下のブロックの後に読まれます",
    ),
    "imp_description_of": ("the description of '{id}'", "'{id}' の説明"),
    "imp_constraint": ("the constraint '{id}'{about}", "制約 '{id}'{about}"),
    "imp_constraint_tag": ("the constraint <{tag}> '{id}'", "制約 <{tag}> '{id}'"),
    "imp_rule_of": ("the rule '{rule}' of '{id}' ({why})", "'{id}' のルール '{rule}' ({why})"),
    "imp_rule_no_target": ("the id-ref names nothing", "id-ref の参照先がありません"),
    "imp_rule_too_deep": (
        "it holds itself through id-refs, or rules nest too deep in it, or too many",
        "id-ref で自身を含むか、ルールの入れ子が深すぎるか多すぎます",
    ),
    "imp_location": ("the location constraint '{id}'", "場所制約 '{id}'"),
    "imp_second_location": (
        "a second one of '{rsc}' on '{node}'",
        "'{node}' 上の '{rsc}' に対する 2 つ目",
    ),
    "imp_rule_names_node": (
        "its rule would name the node '{node}': {problem}",
        "ルールがノード '{node}' を指すことになります: {problem}",
    ),
    "imp_second_rule_on": (
        "a second rule of '{rsc}' on '{node}'",
        "'{node}' 上の '{rsc}' に対する 2 つ目のルール",
    ),
    "imp_second_rule_same": (
        "a second rule of '{rsc}' with the same expressions",
        "同じ式を持つ '{rsc}' に対する 2 つ目のルール",
    ),
    "imp_location_rule_read_otherwise": (
        "the rule '{rule}' of the location constraint '{id}'{about}, which pcs {pcs} would "
        "read otherwise: '{word}' ({why})",
        "場所制約 '{id}'{about} のルール '{rule}' (pcs {pcs} は '{word}' を書かれた通りに"
        "読みません: {why})",
    ),
    "imp_location_rule": (
        "the rule '{rule}' of the location constraint '{id}'{about}",
        "場所制約 '{id}'{about} のルール '{rule}'",
    ),
    "imp_colocation": (
        "the colocation constraint '{id}'{about}",
        "コロケーション制約 '{id}'{about}",
    ),
    "imp_score_attribute_of": ("the score-attribute of {what}", "{what} の score-attribute"),
    "imp_second_between": ("a second one between them", "同じリソース間の 2 つ目"),
    "imp_order": ("the order constraint '{id}'{about}", "順序制約 '{id}'{about}"),
    "imp_ticket": ("the ticket constraint '{id}'{about}", "チケット制約 '{id}'{about}"),
    "imp_fencing_level": ("the fencing level '{id}'", "フェンシングレベル '{id}'"),
    "imp_alert_select": ("the select of the alert '{id}'", "アラート '{id}' の 'select' 要素"),
    "imp_tag": ("the tag '{id}'", "タグ '{id}'"),
    "imp_tag_not_resources": (
        "the tag '{id}' (pcs tags hold resources only)",
        "タグ '{id}' (pcs のタグにはリソースしか入りません)",
    ),
    "imp_acl_role": ("the ACL role '{id}'", "ACL ロール '{id}'"),
    "imp_acl_user": ("the ACL user '{id}'", "ACL ユーザー '{id}'"),
    "imp_acl_group": ("the ACL group '{id}'", "ACL グループ '{id}'"),
    "imp_acl_permissions": ("the permissions of {what}", "{what} の権限"),
    "imp_section": ("the section <{tag}>", "セクション <{tag}>"),
    # pcs's reasons, in its own words in English
    "imp_r_duplicate": ("duplicate constraint already exists", "同じ制約が既にあります"),
    "imp_r_incompatible": (
        "Clone option '{option}' is not compatible with '{agent}' resource "
        "agent of resource '{id}'",
        "クローンのオプション '{option}' はリソース '{id}' のエージェント '{agent}' と両立しません",
    ),
    "imp_r_in_group": ("{reason} in group '{group}'", "{reason} (グループ '{group}' 内)"),
    "imp_r_no_stonith_here": (
        "This command does not accept stonith resources",
        "このコマンドは STONITH リソースを受け付けません",
    ),
    "imp_r_cloned_fence_device": (
        "No need to clone stonith resource '{id}', any node can use a stonith resource "
        "(unless specifically banned) regardless of whether the stonith resource is running "
        "on that node or not",
        "STONITH リソース '{id}' をクローンにする必要はありません。どのノードも (明示的に"
        "禁止されない限り)、そのノードで動作しているかどうかに関係なく STONITH リソースを"
        "使えます",
    ),
    "imp_r_fence_action": (
        "stonith option 'action' is deprecated and should not be used, use "
        "'pcmk_off_action', 'pcmk_reboot_action' instead",
        "STONITH オプション 'action' は非推奨です。代わりに "
        "'pcmk_off_action'、'pcmk_reboot_action' を使ってください",
    ),
    "imp_r_not_unique": (
        "Value '{value}' of option '{name}' is not unique across '{agent}' resources",
        "オプション '{name}' の値 '{value}' は '{agent}' のリソースの間で一意ではありません",
    ),
    "imp_r_not_integer": (
        "Value of utilization attribute must be integer",
        "utilization 属性の値は整数でなければなりません",
    ),
    "imp_r_missing": (
        "required {kind} option {names} is missing",
        "必須の{kind}オプション {names} がありません",
    ),
    "imp_r_missing_several": (
        "required {kind} options {names} are missing",
        "必須の{kind}オプション {names} がありません",
    ),
    "imp_r_invalid": ("invalid {kind} option {names}", "{kind}オプション {names} は不正です"),
    "imp_r_invalid_several": (
        "invalid {kind} options: {names}",
        "{kind}オプション {names} は不正です",
    ),
    "imp_r_unknown_property": (
        "unknown cluster property: '{name}'",
        "不明なクラスタ・プロパティです: '{name}'",
    ),
    # the kinds of things the import's messages name
    "imp_kind_primitive": ("primitive", "プリミティブ"),
    "imp_kind_Group": ("Group", "グループ"),
    "imp_kind_Clone": ("Clone", "クローン"),
    "imp_kind_Promotable": ("Promotable", "昇格可能クローン"),
    "imp_kind_bundle": ("bundle", "バンドル"),
    "imp_kind_alert": ("alert", "アラート"),
    "imp_kind_recipient": ("recipient", "受信者"),
    "imp_kind_property": ("property", "プロパティ"),
    "imp_kind_node_attribute": ("node attribute", "ノード属性"),
    "imp_kind_utilization": ("utilization", "utilization"),
    "imp_kind_resource_meta": ("resource meta", "リソースのメタ属性"),
    "imp_kind_meta": ("meta", "メタ属性"),
    "imp_kind_default": ("default", "デフォルト値"),
    "imp_k_resource": ("resource", "リソース"),
    "imp_k_stonith": ("stonith", "STONITH "),
    "imp_k_cluster_property": ("cluster property", "クラスタ・プロパティ"),
    # why an agent name is refused (pcsgen.agents.names)
    "why_agent_class": (
        "the class must be one of {classes}",
        "クラスは {classes} のいずれかでなければなりません",
    ),
    "why_agent_part_empty": ("the {part} is empty", "{part} が空です"),
    "why_agent_part_separator": (
        "the {part} holds a path separator",
        "{part} にパスの区切り文字が含まれています",
    ),
    "why_agent_part_dotdot": ("the {part} holds '..'", "{part} に '..' が含まれています"),
    "why_agent_part_characters": (
        "the {part} must start with a letter, a digit or '_' and hold only letters, digits "
        "and _ . + @ -",
        "{part} は英字、数字、'_' のいずれかで始まり、英字、数字と _ . + @ - だけからなる"
        "必要があります",
    ),
    "why_agent_ocf_form": (
        "an ocf agent is written ocf:PROVIDER:TYPE",
        "ocf のエージェントは ocf:PROVIDER:TYPE と書きます",
    ),
    "why_agent_form": (
        "a {standard} agent is written {standard}:TYPE",
        "{standard} のエージェントは {standard}:TYPE と書きます",
    ),
    "why_expression_form": (
        "a resource expression is written CLASS:PROVIDER:TYPE (parts may be empty)",
        "リソース式は CLASS:PROVIDER:TYPE と書きます (各部分は空でも構いません)",
    ),
    # why pcs cannot take a word as written (pcsgen.compiler.check.pcs_words)
    "why_pcs_name_equals": (
        "pcs splits NAME=VALUE at the first '=', so a name cannot hold '='",
        "pcs は NAME=VALUE を最初の '=' で分けるため、名前に '=' は使えません",
    ),
    "why_pcs_wait": (
        "pcs reads `{wait}=...` as its own option wherever it stands",
        "pcs は `{wait}=...` をどこにあっても自身のオプションとして読みます",
    ),
    "why_crm_attribute_ascii": (
        "crm_attribute, which pcs runs to set node attributes, takes ASCII only",
        "pcs がノード属性の設定に使う crm_attribute は ASCII 文字しか受け付けません",
    ),
    "why_crm_attribute_dash": (
        "crm_attribute reads a word starting with '-' as its options",
        "crm_attribute は '-' で始まる語を自身のオプションとして読みます",
    ),
    "why_crm_attribute_node": (
        "crm_attribute, which sets node attributes, takes an ASCII node name not starting with '-'",
        "ノード属性を設定する crm_attribute は、'-' で始まらない ASCII のノード名しか受け付けません",
    ),
    "why_xml_id": (
        "{who} makes {what} part of an XML id: ASCII letters, digits, '_', '-' and '.' only",
        "{who} は{what}を XML の ID の一部にするため、ASCII の英字、数字と '_' '-' '.' "
        "しか使えません",
    ),
    "why_what_node_attribute": ("a node attribute name", "ノード属性名"),
    "why_what_utilization": ("a utilization name", "使用量 (utilization) の名前"),
    "why_what_meta": ("a meta attribute name", "メタ属性名"),
    "why_utilization_integer": (
        "pcs takes only an integer as a utilization value",
        "pcs は使用量 (utilization) の値に整数しか受け付けません",
    ),
    "why_op_name_equals": (
        "pcs reads a word holding '=' after `op` as an attribute, not a name",
        "pcs は `op` の後の '=' を含む語を名前ではなく属性として読みます",
    ),
    "why_create_keyword": (
        "it is a keyword of `pcs resource create`",
        "`pcs resource create` のキーワードです",
    ),
    "why_op_reserved": (
        "`{key}=` after `op` is read by pcs itself",
        "`op` の後の `{key}=` は pcs 自身が読みます",
    ),
    "why_rule_parentheses": (
        "pcs splits the words of a rule at parentheses",
        "pcs はルールの語を括弧で区切ります",
    ),
    "why_rule_keyword": (
        "it is a keyword of pcs's rule syntax",
        "pcs のルール構文のキーワードです",
    ),
    "why_rule_option": (
        "pcs reads a NAME=VALUE word at the start of a rule as a rule option",
        "pcs はルール先頭の NAME=VALUE の語をルールのオプションとして読みます",
    ),
    "why_rule_date": (
        "pcs reads `date gt|lt` as a date expression",
        "pcs は `date gt|lt` を日付式として読みます",
    ),
    "why_rule_text": (
        "pcs 0.12 parses a rule as text with no quoting: no space or parenthesis",
        "pcs 0.12 はルールを引用符なしのテキストとして解析するため、空白や括弧は使えません",
    ),
    "why_rule_type": (
        "pcs reads it as the type of the comparison, not its value",
        "pcs はこれを比較の値ではなく型として読みます",
    ),
    "why_recipient_quote": (
        "pcs looks a recipient up by its value in a quoted XPath",
        "pcs は受信者をその値で、引用符で囲んだ XPath により検索します",
    ),
    "why_node_score_equals": (
        "pcs splits NODE=SCORE at the first '='",
        "pcs は NODE=SCORE を最初の '=' で分けます",
    ),
    "why_fencing_target": (
        "pcs reads TYPE%VALUE as a typed fencing target",
        "pcs は TYPE%VALUE を型付きのフェンシング対象として読みます",
    ),
    # why an input is refused as a whole
    "xlsx_expands": ("{name} expands {times} times", "{name} は {times} 倍に展開されます"),
    "xlsx_uncompressed": ("{bytes} bytes uncompressed", "展開すると {bytes} バイトになります"),
    "vars_kind": (
        "use a .json, .toml or .yaml file",
        ".json、.toml、.yaml のいずれかのファイルを指定してください",
    ),
    "vars_not_table": ("the top level is not a table", "最上位が表 (マッピング) ではありません"),
    "vars_bad_name": ("bad name {name}", "不正な名前 {name}"),
    "vars_not_name": ("not a valid variable name", "変数名として不正です"),
    "vars_value": ("{name}: {problem}", "{name}: {problem}"),
    "vars_too_many": (
        "more than {count} items (aliases included)",
        "要素が {count} 個を超えています (エイリアスを含む)",
    ),
    "vars_too_deep": ("nested more than {depth} levels deep", "入れ子が {depth} 段を超えています"),
    "vars_type": ("a value of type {type}", "型 {type} の値です"),
    "inv_vault": (
        "it is vault-encrypted (pcsgen asks for no vault password)",
        "Vault で暗号化されています (pcsgen は Vault のパスワードを求めません)",
    ),
    "cib_no_configuration": ("no <cib><configuration>", "<cib><configuration> がありません"),
    # why an ADDITIONAL_CONFIG command is refused (pcsgen.compiler.builders.commands)
    "cmd_not_pcs": ("'{word}' is not pcs", "'{word}' は pcs ではありません"),
    "cmd_needs_value": ("it needs a value", "値が必要です"),
    "cmd_options_allowed": (
        "only these options are allowed: {allowed}",
        "使えるオプションは {allowed} だけです",
    ),
    "cmd_edits_nothing": (
        "it does not edit the configuration (say what to change)",
        "設定を変更しません (何を変更するかを書いてください)",
    ),
    "cmd_only_edits": (
        "only commands that edit the configuration run at compile time ({commands})",
        "コンパイル時に実行できるのは設定を変更するコマンド ({commands}) だけです",
    ),
    "cmd_allowed_here": ("allowed here: {choices}", "ここで使えるのは {choices} です"),
    "cmd_missing_in": ("pcs {pcs} has no such command", "pcs {pcs} にはこのコマンドがありません"),
    # why pcs refuses a description command (pcsgen.pcs.element_description)
    "desc_no_options": (
        "this command takes no option ({options})",
        "このコマンドはオプションを取りません ({options})",
    ),
    "desc_arguments": (
        "it sets a description given an id and a text (one argument only reads it)",
        "ID とテキストを指定すると説明を設定します (引数が 1 つだけでは読み取りのみです)",
    ),
    "desc_not_xml": (
        "the description of '{id}' holds a character XML cannot hold",
        "'{id}' の説明に XML で表せない文字があります",
    ),
    "desc_no_such_id": ("'{id}' does not exist", "'{id}' は存在しません"),
    "desc_not_described": (
        "'{id}' is a <{tag}>, which takes no description (those that do: {tags})",
        "'{id}' は <{tag}> で、説明を設定できません (設定できる要素: {tags})",
    ),
    "cmd_missing_before": (
        "pcs {pcs} has no such command (it came with pcs {since})",
        "pcs {pcs} にはこのコマンドがありません (pcs {since} で追加されました)",
    ),
    # why a file cannot be read or written (pcsgen.diagnostics.phrase.os_reason)
    "os_enoent": ("no such file", "ファイルがありません"),
    "os_eacces": ("permission denied", "アクセス権がありません"),
    "os_eisdir": ("it is a directory", "ディレクトリです"),
    "os_enotdir": (
        "a part of the path is not a directory",
        "パスの途中がディレクトリではありません",
    ),
    "os_eloop": ("too many symbolic links", "シンボリックリンクが多すぎます"),
    "os_enametoolong": ("the name is too long", "名前が長すぎます"),
    "os_enospc": (
        "no space left (disk full or quota)",
        "空き容量がありません (ディスクまたはクォータ)",
    ),
    "os_erofs": ("the file system is read-only", "ファイルシステムが読み取り専用です"),
    "os_eio": ("an input/output error", "入出力エラーが発生しました"),
    "os_eexist": ("it exists already", "既に存在します"),
    "os_exdev": ("it is on another file system", "別のファイルシステム上にあります"),
    "os_ebusy": ("it is busy", "使用中です"),
    # why an XML file cannot be read (pcsgen.diagnostics.phrase.xml_reason)
    "xml_syntax": (
        "XML syntax error (libxml2 error {code}) at line {line}, column {column}",
        "XML の構文エラーです (libxml2 エラー {code}、{line} 行 {column} 桁)",
    ),
    "xml_too_deep": (
        "elements nest too deep, or a value is too large (line {line}, column {column})",
        "要素の入れ子が深すぎるか、値が大きすぎます ({line} 行 {column} 桁)",
    ),
    "xml_premature_end": (
        "the document ends before its elements are closed (line {line}, column {column})",
        "要素が閉じられる前に文書が終わっています ({line} 行 {column} 桁)",
    ),
    "xml_tag_mismatch": (
        "an end tag does not match its start tag (line {line}, column {column})",
        "終了タグが開始タグと一致しません ({line} 行 {column} 桁)",
    ),
    "xml_not_xml": (
        "the file is empty or is not XML (line {line}, column {column})",
        "ファイルが空か XML ではありません ({line} 行 {column} 桁)",
    ),
    "xml_extra_content": (
        "there is content after the root element (line {line}, column {column})",
        "ルート要素の後に余分な内容があります ({line} 行 {column} 桁)",
    ),
    "xml_bad_char": (
        "a character XML does not allow (line {line}, column {column})",
        "XML で使えない文字があります ({line} 行 {column} 桁)",
    ),
    "xml_bad_encoding": (
        "bytes not valid in the document's encoding (line {line}, column {column})",
        "文書のエンコーディングとして不正なバイト列があります ({line} 行 {column} 桁)",
    ),
    "xml_entity": (
        "an entity reference undefined or badly formed (line {line}, column {column})",
        "未定義または不正な実体参照があります ({line} 行 {column} 桁)",
    ),
    "xml_bad_attribute": (
        "an attribute badly formed or given twice (line {line}, column {column})",
        "属性の書式が不正か、同じ属性が二度あります ({line} 行 {column} 桁)",
    ),
    "xml_unterminated": (
        "a comment or CDATA section is not closed (line {line}, column {column})",
        "コメントまたは CDATA セクションが閉じられていません ({line} 行 {column} 桁)",
    ),
    "xml_undefined_prefix": (
        "a namespace prefix is not declared (line {line}, column {column})",
        "宣言されていない名前空間接頭辞があります ({line} 行 {column} 桁)",
    ),
    "xml_bad_declaration": (
        "the XML declaration cannot be read (line {line}, column {column})",
        "XML 宣言を読めません ({line} 行 {column} 桁)",
    ),
    # what is wrong in a workbook's container (PG004)
    "limit_bytes": ("more than {limit} bytes", "{limit} バイトを超えています"),
    "limit_rows": ("more than {limit} rows", "{limit} 行を超えています"),
    "limit_tables": ("more than {limit} tables", "表が {limit} 個を超えています"),
    "xlsx_not_zip": ("not a zip container", "zip 形式ではありません"),
    "xlsx_dtd": ("a part of the workbook declares a DTD", "ブックの一部が DTD を宣言しています"),
    "xlsx_string_markup": (
        "shared string {index} holds markup or an entity reference",
        "共有文字列 {index} にマークアップまたは実体参照が含まれています",
    ),
    # what is wrong in a corosync.conf (PG308)
    "cs_unbalanced": ("line {line}: unbalanced '}}'", "{line} 行目: '}}' の対応が取れていません"),
    "cs_unparsable": (
        "line {line}: cannot parse '{text}'",
        "{line} 行目: '{text}' を解釈できません",
    ),
    "cs_unclosed": ("a section is not closed", "閉じられていないセクションがあります"),
    "cs_not_section": (
        "'{key}' must be a section ({key} {{ ... }}), not '{key}: {found}'",
        "'{key}' はセクション ({key} {{ ... }}) でなければなりません ('{key}: {found}' ではなく)",
    ),
    "cs_node_sections": (
        "a node's name and nodeid must be values, not sections",
        "ノードの name と nodeid はセクションではなく値でなければなりません",
    ),
    "cs_node_lacks": (
        "a node in the nodelist lacks a name or a nodeid",
        "nodelist に name または nodeid のないノードがあります",
    ),
    "cs_nodeid": (
        "nodeid '{nodeid}' of {name} is not an integer",
        "{name} の nodeid '{nodeid}' が整数ではありません",
    ),
    "cs_no_nodes": ("no nodelist with nodes", "ノードを含む nodelist がありません"),
    "cs_cib_no_nodes": (
        "the CIB lists no node with a name and an id",
        "CIB に名前と ID を持つノードがありません",
    ),
    # the safer way to keep a secret (PG413)
    "safer_password_script": (
        "password_script (a command that prints it)",
        "password_script (パスワードを出力するコマンド)",
    ),
    "safer_variable": (
        "a variable ({{{{ name }}}}) filled at compile time, or a vault",
        "コンパイル時に値を入れる変数 ({{{{ name }}}}) または vault",
    ),
    "plan_none": (
        "No changes: the live cluster already has this configuration (live CIB epoch {epoch}).",
        "変更はありません: 稼働中のクラスタは既にこの設定です (CIB epoch {epoch})。",
    ),
    "plan_some": (
        "{count} change(s) to the live cluster (live CIB epoch {epoch}):",
        "稼働中のクラスタへの変更 {count} 件 (CIB epoch {epoch}):",
    ),
    "plan_apply": (
        "Apply them with: pcsgen apply {file} --plan-epoch {epoch} --plan-digest {digest}",
        "反映するには: pcsgen apply {file} --plan-epoch {epoch} --plan-digest {digest}",
    ),
    "confirm": (
        "Push this configuration to the live cluster?",
        "この設定を稼働中のクラスタに反映しますか?",
    ),
    "not_confirmed": (
        "Nothing pushed (not confirmed; --yes confirms without asking).",
        "反映していません (未確認。--yes で確認なしに反映します)。",
    ),
    "backup": ("Saved the live CIB to {path}.", "稼働中の CIB を {path} に保存しました。"),
    "pushed": (
        "Pushed the configuration (live CIB epoch now {epoch}).",
        "設定を反映しました (CIB epoch {epoch})。",
    ),
    "rollback": (
        "Roll back with: pcsgen apply {path} --yes",
        "元に戻すには: pcsgen apply {path} --yes",
    ),
    # --- simulate: placements and the failure test plan -------------------------------
    "sim_resource": ("resource", "リソース"),
    "sim_all_up": ("all nodes up", "全ノード起動"),
    "sim_node_fails": ("{node} fails", "{node} 故障"),
    "sim_nowhere": (
        "cannot run anywhere: {resources}",
        "どのノードでも起動できません: {resources}",
    ),
    "sim_nowhere_when": (
        "when {node} fails, cannot run anywhere: {resources}",
        "{node} 故障時にどのノードでも起動できません: {resources}",
    ),
    "sim_not_reached": (
        "STEADY STATE NOT REACHED (see the warnings): every scenario starts from the state below",
        "定常状態になりません (警告を参照)。各シナリオは以下の状態から始まります",
    ),
    "wrote": ("Wrote {paths}.", "{paths} を出力しました。"),
    "var_undefined": ("(undefined)", "(未定義)"),
    "var_used_at": ("used at {where}", "使用箇所 {where}"),
    "interrupted": ("interrupted", "中断しました"),
    "sim_title": ("Failure test plan: {name}", "障害試験項目書: {name}"),
    "sim_sheet_plan": ("Test plan", "障害試験項目"),
    "sim_sheet_placements": ("Placements", "リソース配置"),
    "sim_basis": (
        "Expected results from Pacemaker's scheduler (crm_simulate), each scenario from "
        "the steady state: nodes {nodes} up{attributes}.",
        "期待結果は Pacemaker のスケジューラ (crm_simulate) によるもので、各項目は定常"
        "状態 (ノード {nodes} 起動{attributes}) から始まります。",
    ),
    "sim_basis_attributes": ("; node attributes {attributes}", "、ノード属性 {attributes}"),
    "sim_col_no": ("No.", "No."),
    "sim_col_category": ("Category", "分類"),
    "sim_col_scenario": ("Scenario", "試験項目"),
    "sim_col_operation": ("Operation", "操作手順"),
    "sim_col_inject": ("Simulated as", "シミュレーション条件"),
    "sim_col_expected": ("Expected result", "期待結果"),
    "sim_col_check": ("Check", "確認方法"),
    "sim_col_restore": ("Restore", "復旧手順"),
    "sim_col_result": ("Result", "結果"),
    "sim_col_checked_by": ("Checked by", "確認者"),
    "lab_col_observed": ("Observed in the lab", "ラボでの実際の結果"),
    "lab_col_recovery": ("Recovery (s)", "復旧時間 (秒)"),
    "lab_col_evidence": ("Evidence", "証跡"),
    "lab_evidence_ref": ("sheet Evidence, No. {number}", "証跡シート No. {number}"),
    "lab_sheet_evidence": ("Evidence", "証跡"),
    "lab_col_before": ("crm_mon before", "実施前の crm_mon"),
    "lab_col_after": ("crm_mon after", "実施後の crm_mon"),
    "lab_not_run": ("not run", "未実施"),
    "lab_as_expected": ("as expected", "期待どおり"),
    "lab_fenced": ("fenced: {nodes}", "フェンシング: {nodes}"),
    "lab_diff_placement": (
        "{resource}: expected {expected}, observed {observed}",
        "{resource}: 期待結果 {expected}、実際 {observed}",
    ),
    "lab_diff_fenced": (
        "fenced: expected {expected}, observed {observed}",
        "フェンシング: 期待結果 {expected}、実際 {observed}",
    ),
    "lab_stopped": ("stopped", "停止"),
    "lab_why_fence_monitor": (
        "the lab cannot make one fence device's monitor fail: every device runs as the "
        "lab's fence_lab, asking the one power switch all devices share",
        "ラボでは個々のフェンスデバイスの監視だけを失敗させられません: どのデバイスも、"
        "全デバイス共通の 1 台の電源スイッチに問い合わせるラボの fence_lab として動作します",
    ),
    "lab_why_real_stop": (
        "{agent} runs for real in the lab, and only the lab's stand-in agent can be made "
        "to fail its stop",
        "{agent} はラボで実際に動作しており、停止を失敗させられるのはラボの代替エージェントだけです",
    ),
    "lab_why_republished": (
        "its publisher sets {attribute} again at its next monitor, as the real agent does",
        "設定元のエージェントが、実際のエージェントと同じく次の監視で {attribute} を再び設定します",
    ),
    "lab_why_not_yet": (
        "the lab cannot inject this event yet",
        "ラボではこの事象をまだ発生させられません",
    ),
    "lab_not_settled": ("not settled within {seconds} s", "{seconds} 秒以内に安定しませんでした"),
    "sim_label_inject": ("inject", "条件"),
    "sim_label_expected": ("expected", "期待結果"),
    "sim_label_actions": ("actions", "動作"),
    "sim_label_after": ("afterwards", "結果の配置"),
    "sim_label_check": ("check", "確認"),
    "sim_cat_steady-state": ("Start-up", "初期起動"),
    "sim_cat_node-failure": ("Node failure", "ノード故障"),
    "sim_cat_monitor-failure": ("Resource failure", "リソース故障"),
    "sim_cat_start-failure": ("Start failure", "起動失敗"),
    "sim_cat_stop-failure": ("Stop failure", "停止失敗"),
    "sim_cat_attribute-change": ("Node attribute", "ノード属性"),
    "sim_cat_attribute-unset": ("Node attribute", "ノード属性"),
    "sim_cat_ping": ("Network (ping)", "ネットワーク (ping)"),
    "sim_cat_event": ("Event", "事象"),
    "sim_sc_steady-state": ("Every node starts: {nodes}", "全ノード起動: {nodes}"),
    "sim_sc_node-failure": ("{node} fails (power lost)", "{node} の故障 (電源断)"),
    "sim_sc_monitor-failure": (
        "{resource} fails on {node} (its monitor finds it not running)",
        "{node} で {resource} が故障 (monitor が停止を検知)",
    ),
    "sim_sc_start-failure": (
        "{resource} fails to start on {node}",
        "{node} で {resource} の起動に失敗",
    ),
    "sim_sc_stop-failure": (
        "{resource} fails to stop on {node}",
        "{node} で {resource} の停止に失敗",
    ),
    "sim_sc_attribute-change": (
        "The node attribute {name} of {node} becomes {value}",
        "{node} のノード属性 {name} が {value} になる",
    ),
    "sim_sc_ping": (
        "{node} loses the ping targets ({name} becomes {value})",
        "{node} から ping 先に到達できない ({name} が {value} になる)",
    ),
    "sim_sc_attribute-unset": (
        "The node attribute {name} disappears from {node}",
        "{node} のノード属性 {name} が消える",
    ),
    "sim_op_steady-state": (
        "Start the cluster on every node: pcs cluster start --all",
        "全ノードでクラスタを起動: pcs cluster start --all",
    ),
    "sim_op_node-failure": (
        "Cut the power of {node} (its BMC: ipmitool ... chassis power off), "
        "or crash it: echo c > /proc/sysrq-trigger",
        "{node} の電源を断つ (BMC で ipmitool ... chassis power off)、または"
        "クラッシュさせる: echo c > /proc/sysrq-trigger",
    ),
    "sim_op_kill": (
        "On {node}: systemctl kill --signal=KILL {unit}",
        "{node} で: systemctl kill --signal=KILL {unit}",
    ),
    "sim_op_force_stop": (
        "On {node}, stop it behind the cluster's back: crm_resource "
        "--force-stop --resource {resource}",
        "{node} でクラスタを介さずに停止: crm_resource --force-stop --resource {resource}",
    ),
    "sim_op_fence_device": (
        "Make the fencing device of {resource} unreachable from {node}, then "
        "wait for its monitor (every {interval})",
        "{node} から {resource} のフェンシングデバイスに到達できないようにし、"
        "monitor (間隔 {interval}) を待つ",
    ),
    "sim_op_start-failure": (
        "Make the start of {resource} fail on {node} (take away what it "
        "needs there), then let the cluster start it there",
        "{node} で {resource} の起動が失敗する状態にし (必要なものを取り除く"
        "など)、クラスタに起動させる",
    ),
    "sim_op_stop-failure": (
        "Make the stop of {resource} fail on {node} (e.g. a test copy of its "
        "agent whose stop returns an error), then let the cluster stop it "
        "(e.g. fail its monitor)",
        "{node} で {resource} の停止が失敗する状態にし (停止でエラーを返す"
        "試験用のエージェントなど)、クラスタに停止させる (monitor を失敗"
        "させるなど)",
    ),
    "sim_op_ping": (
        "Cut {node} off from the ping targets (unplug its cable, or block them with "
        "a firewall); or: attrd_updater -n {name} -U {value} -N {node}",
        "{node} から ping 先への通信を断つ (ケーブルを抜く、ファイアウォールで遮断"
        "する)。または: attrd_updater -n {name} -U {value} -N {node}",
    ),
    "sim_op_attribute": (
        "attrd_updater -n {name} -U {value} -N {node}",
        "attrd_updater -n {name} -U {value} -N {node}",
    ),
    "sim_op_health": (
        "Make the check of {resource} fail on {node}; or: attrd_updater -n {name} "
        "-U {value} -N {node}",
        "{node} で {resource} の監視対象を故障させる。または: attrd_updater -n "
        "{name} -U {value} -N {node}",
    ),
    "sim_op_attribute-unset": (
        "Delete the attribute: attrd_updater -n {name} -D -N {node}",
        "属性を削除: attrd_updater -n {name} -D -N {node}",
    ),
    "sim_check_status": (
        "crm_mon -1 -Af (or pcs status --full): where every resource runs",
        "crm_mon -1 -Af (または pcs status --full) でリソースの配置を確認",
    ),
    "sim_check_fence": (
        "stonith_admin --history {node}: {node} was fenced",
        "stonith_admin --history {node} で {node} のフェンシングを確認",
    ),
    "sim_check_failcount": (
        "crm_mon -1 -Af: the fail count of {resource} on {node}",
        "crm_mon -1 -Af で {node} の {resource} の故障回数を確認",
    ),
    "sim_check_attribute": (
        "crm_mon -1 -A: the attribute {name} of {node}",
        "crm_mon -1 -A で {node} の属性 {name} を確認",
    ),
    "sim_restore_node": (
        "Power {node} on, then: pcs cluster start {node}",
        "{node} の電源を入れ、pcs cluster start {node}",
    ),
    "sim_restore_cleanup": ("pcs resource cleanup {resource}", "pcs resource cleanup {resource}"),
    "sim_restore_attribute": (
        "Reconnect, or: attrd_updater -n {name} -U {value} -N {node}",
        "通信を復旧する。または: attrd_updater -n {name} -U {value} -N {node}",
    ),
    "sim_restore_attribute_unset": (
        "Reconnect, or delete the attribute: attrd_updater -n {name} -D -N {node}",
        "通信を復旧する。または属性を削除: attrd_updater -n {name} -D -N {node}",
    ),
    "sim_unset": ("unset", "未定義"),
    "sim_v_started": (
        "The resources start where the constraints place them",
        "リソースが制約どおりのノードで起動する",
    ),
    "sim_v_restart": ("{resource} is restarted on {node}", "{node} で {resource} が再起動される"),
    "sim_v_move": ("{resource} moves to {target}", "{resource} が {target} に移動する"),
    "sim_v_stop": ("{resource} stops and stays stopped", "{resource} が停止したままになる"),
    "sim_v_stop_here": (
        "{resource} stops on {node} and stays stopped there (still running on {where})",
        "{node} の {resource} が停止したままになる ({where} では稼働を継続)",
    ),
    "sim_v_block": (
        "{resource} is blocked on {node}: failed and unmanaged until cleaned up",
        "{resource} は {node} でブロックされる (故障・管理対象外のまま。cleanup まで復旧しない)",
    ),
    "sim_v_ignore": (
        "The failure is ignored: {resource} keeps running on {node}",
        "故障は無視され、{resource} は {node} で稼働し続ける",
    ),
    "sim_v_none": ("Nothing changes", "変化なし"),
    "sim_v_undetected": (
        "{resource} has no recurring monitor on {node}: the failure goes unnoticed",
        "{resource} には {node} での定期 monitor がないため、故障は検知されない",
    ),
    "sim_v_fence": ("{node} is fenced", "{node} がフェンシングされる"),
    "sim_v_standby": ("{node} is put in standby", "{node} がスタンバイになる"),
    # they leave the node: some move, some stop (listed apart as STOPPED)
    "sim_v_leave": (
        "Resources leave {node}: {resources}",
        "{node} で動作しなくなるリソース: {resources}",
    ),
    "sim_v_stopped": ("STOPPED: {resources}", "停止: {resources}"),
    "sim_actions_none": ("no action", "動作なし"),
    "sim_a_fence": ("fence {node}", "{node} をフェンシング"),
    "sim_a_shutdown": ("shut {node} down", "{node} を停止"),
    "sim_a_start": ("start {resource} on {node}", "{node} で {resource} を起動"),
    "sim_a_stop": ("stop {resource} on {node}", "{node} で {resource} を停止"),
    "sim_a_restart": ("restart {resource} on {node}", "{node} で {resource} を再起動"),
    "sim_a_recover": ("recover {resource} on {node}", "{node} で {resource} を復旧"),
    "sim_a_promote": ("promote {resource} on {node}", "{node} で {resource} を昇格"),
    "sim_a_demote": ("demote {resource} on {node}", "{node} で {resource} を降格"),
    "sim_a_re-promote": ("re-promote {resource} on {node}", "{node} で {resource} を再昇格"),
    "sim_a_reload": ("reload {resource} on {node}", "{node} で {resource} をリロード"),
    "sim_a_moving": (
        "{action} {resource} {node} → {target}",
        "{resource} を {node} から {target} へ{action}",
    ),
    "sim_a_move": ("move", "移動"),
    "sim_a_migrate": ("migrate", "マイグレーション"),
    "sim_a_recover_to": ("recover", "復旧"),
    "sim_a_other": ("{action} {resource} on {node}", "{node} で {resource} を {action}"),
    "sim_blocked": (" (blocked)", " (実行不可)"),
    # the order of a table's sub-tables (PG106)
    "table_comes_first": ("{sub} comes first", "{sub} が先です"),
    "table_one_per_marker": (
        "one {sub} per {table} marker",
        "{table} マーカー 1 つにつき {sub} は 1 つです",
    ),
    # the bounds and kinds of hostile input (reading, vars, inventory, CIB)
    "vars_total_too_many": (
        "its values hold more than {count} items in all (aliases included)",
        "値の要素が合わせて {count} 個を超えています (エイリアスを含む)",
    ),
    "inv_hosts": ("more than {count} hosts", "ホストが {count} 個を超えています"),
    "inv_items": (
        "the variables of all its hosts hold more than {count} items (aliases included)",
        "全ホストの変数の要素が合わせて {count} 個を超えています (エイリアスを含む)",
    ),
    "inv_files": ("more than {count} files", "ファイルが {count} 個を超えています"),
    "inv_file_bytes": (
        "{path} holds more than {count} bytes",
        "{path} が {count} バイトを超えています",
    ),
    "inv_bytes": ("more than {count} bytes in all", "合計で {count} バイトを超えています"),
    "kind_directory": ("a directory", "ディレクトリ"),
    "kind_character_device": ("a character device", "キャラクタデバイス"),
    "kind_block_device": ("a block device", "ブロックデバイス"),
    "kind_fifo": ("a FIFO", "FIFO"),
    "kind_socket": ("a socket", "ソケット"),
    "kind_other": ("not a regular file", "通常のファイルではありません"),
    "too_many_bytes": ("more than {count} bytes", "{count} バイトを超えています"),
    "too_many_rows": ("more than {count} rows", "{count} 行を超えています"),
    "too_many_shared_strings": (
        "more than {count} shared strings",
        "共有文字列が {count} 個を超えています",
    ),
    "too_many_shared_characters": (
        "the shared strings hold more than {count} characters",
        "共有文字列が合わせて {count} 文字を超えています",
    ),
    "csv_field_limit": (
        "a field holds more than {count} characters",
        "{count} 文字を超えるフィールドがあります",
    ),
    "os_not_regular": (
        "it is not a regular file (a FIFO, a socket or a device)",
        "通常のファイルではありません (FIFO、ソケット、デバイスのいずれか)",
    ),
    "cib_fencing_index": (
        "fencing-level '{id}': index '{index}' is not a positive integer (line {line})",
        "fencing-level '{id}': index '{index}' が正の整数ではありません ({line} 行目)",
    ),
    # the words of the diagram and the report (pcsgen.design.words), by key
    "design_group": ("group", "グループ"),
    "design_clone": ("clone", "クローン"),
    "design_promotable": ("promotable", "昇格可能クローン"),
    "design_primitive": ("primitive", "プリミティブ"),
    "design_stonith": ("fencing device", "フェンシング装置"),
    "design_node": ("node", "ノード"),
    "design_other_nodes": ("the other nodes", "その他のノード"),
    "design_instances_per_node": ("one instance per node", "各ノードに 1 インスタンス"),
    "design_instances": ("{count} instances", "{count} インスタンス"),
    "design_promoted": (
        "★ Promoted ×{count}, the others Unpromoted",
        "★ Promoted ×{count}、他は Unpromoted",
    ),
    "design_empty": ("(empty)", "(空)"),
    "design_missing": ("(not defined)", "(未定義)"),
    "design_level": ("level {index}", "レベル {index}"),
    "design_host_list": ("host list", "ホストリスト"),
    "design_prefers": ("prefers {score}", "優先 {score}"),
    "design_avoids": ("avoids {score}", "回避 {score}"),
    "design_rule_score": ("score {score}", "スコア {score}"),
    "design_rule_role": ("role {role}", "ロール {role}"),
    "design_not_symmetrical": ("not symmetrical", "非対称"),
    "design_title": ("Cluster design: {name}", "クラスタ設計書: {name}"),
    "design_generated": (
        "Generated by pcsgen {version} from {source}.",
        "pcsgen {version} が {source} から作成しました。",
    ),
    "design_contents": ("Contents", "目次"),
    "design_summary": ("Summary", "概要"),
    "design_diagram": ("Diagram", "構成図"),
    "design_resources": ("Resources", "リソース"),
    "design_primitives": ("Primitives and fencing devices", "プリミティブとフェンシング装置"),
    "design_constraints": ("Constraints", "制約"),
    "design_fencing": ("Fencing levels", "フェンシングレベル"),
    "design_alerts": ("Alerts", "アラート"),
    "design_additional": ("Additional pcs commands", "追加の pcs コマンド"),
    "design_findings": ("Lint findings", "チェック結果"),
    "design_simulation": ("Placement and failover", "配置とフェイルオーバー"),
    "design_nodes": ("Nodes", "ノード"),
    "design_counts": ("Counts", "件数"),
    "design_properties": ("Cluster options", "クラスタプロパティ"),
    "design_rsc_defaults": ("Resource defaults", "リソースのデフォルト"),
    "design_op_defaults": ("Operation defaults", "オペレーションのデフォルト"),
    "design_none": ("none", "なし"),
    "design_id": ("id", "ID"),
    "design_kind": ("kind", "種別"),
    "design_parent": ("in", "所属"),
    "design_contains": ("contains", "含むリソース"),
    "design_agent": ("agent", "エージェント"),
    "design_parameters": ("parameters", "パラメータ"),
    "design_meta": ("meta attributes", "メタ属性"),
    "design_utilization": ("utilization", "使用率"),
    "design_operations": ("operations", "オペレーション"),
    "design_from_agent": ("from the agent's metadata", "エージェントのメタデータから"),
    "design_source": ("source", "定義箇所"),
    "design_name": ("name", "名前"),
    "design_value": ("value", "値"),
    "design_attributes": ("attributes", "属性"),
    "design_locations_node": ("Locations on nodes", "ノードの配置制約"),
    "design_locations_rule": ("Locations by rule", "ルールによる配置制約"),
    "design_colocations": ("Colocations", "同居制約"),
    "design_orders": ("Orders", "順序制約"),
    "design_resource": ("resource", "リソース"),
    "design_score": ("score", "スコア"),
    "design_role": ("role", "ロール"),
    "design_rule": ("rule", "ルール"),
    "design_with_rsc": ("with", "同居先"),
    "design_first": ("first", "先"),
    "design_then": ("then", "後"),
    "design_action": ("action", "アクション"),
    "design_symmetrical": ("symmetrical", "対称"),
    "design_target": ("node fenced", "フェンス対象ノード"),
    "design_index": ("level", "レベル"),
    "design_devices": ("devices", "装置"),
    "design_path": ("path", "パス"),
    "design_recipients": ("recipients", "受信者"),
    "design_options": ("options", "オプション"),
    "design_severity": ("severity", "重要度"),
    "design_code": ("code", "コード"),
    "design_where": ("where", "箇所"),
    "design_message": ("message", "メッセージ"),
    "design_no_findings": ("No findings.", "指摘事項はありません。"),
    "design_count_primitives": ("primitives", "プリミティブ"),
    "design_count_stonith": ("fencing devices", "フェンシング装置"),
    "design_count_groups": ("groups", "グループ"),
    "design_count_clones": ("clones", "クローン"),
    "design_count_promotables": ("promotable clones", "昇格可能クローン"),
    "design_count_locations": ("location constraints", "配置制約"),
    "design_count_colocations": ("colocation constraints", "同居制約"),
    "design_count_orders": ("order constraints", "順序制約"),
    "design_count_levels": ("fencing levels", "フェンシングレベル"),
    "design_count_alerts": ("alerts", "アラート"),
    "design_no_diagram": (
        "Graphviz (dot) is not installed here, so the diagram is given as DOT text; render it with: dot -Tsvg design.dot -o design.svg",
        "Graphviz (dot) がインストールされていないため、構成図を DOT 形式で示します。描画するには: dot -Tsvg design.dot -o design.svg",
    ),
    "design_no_simulation": (
        "crm_simulate is not installed here: no placement tables.",
        "crm_simulate がインストールされていないため、配置表はありません。",
    ),
    "design_simulation_failed": (
        "The simulation failed: {reason}",
        "シミュレーションに失敗しました: {reason}",
    ),
    "design_simulation_off": ("Not simulated.", "シミュレーションしていません。"),
    "design_simulation_attributes": (
        "Node attributes assumed: {attributes}.",
        "想定したノード属性: {attributes}。",
    ),
    "design_all_up": ("all nodes up", "全ノード稼働"),
    "design_fails": ("{node} fails", "{node} 故障時"),
    "design_nowhere": ("cannot run anywhere", "どこでも起動できない"),
    "design_legend": ("Legend", "凡例"),
    "design_legend_order": ("order: first → then", "順序: 先 → 後"),
    "design_legend_colocation": ("colocation (dashed)", "同居 (破線)"),
    "design_legend_location": (
        "location: prefers (green) / avoids (red, dotted)",
        "配置: 優先 (緑) / 回避 (赤、点線)",
    ),
    "design_legend_rule": ("location rule (note)", "ルールによる配置 (付箋)"),
    "design_legend_fencing": (
        "fencing: device → node it fences, with level",
        "フェンシング: 装置 → フェンス対象ノード (レベル付き)",
    ),
    "design_legend_group": ("group: members in start order", "グループ: メンバーを起動順に表示"),
    "design_legend_clone": (
        "clone (double outline: many instances), promotable (gold)",
        "クローン (二重枠: 複数インスタンス)、昇格可能クローン (金色)",
    ),
    "design_masked": ("Secret values are masked.", "秘密の値は伏せてあります。"),
    "design_legend_from_agent": (
        "Operations in italics come from the agent's metadata (pcs adds them).",
        "斜体のオペレーションはエージェントのメタデータから追加されたものです (pcs が追加します)。",
    ),
}


def text(key: str, lang: str, /, **args: Any) -> str:
    """A TEXTS entry in LANG; its fields may be named anything, `key` and `lang` too."""
    english, japanese = TEXTS[key]
    return (japanese if lang == "ja" else english).format(**args)
