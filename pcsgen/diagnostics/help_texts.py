"""The catalogue's help texts: the command line's help in Japanese (pcsgen.cli.localise
shows it with --lang ja or a Japanese locale)."""

from __future__ import annotations

from typing import Dict, Tuple

# The words click and typer print around the help texts, as the help's text is made
# Japanese (pcsgen.cli.localise): each English piece, where it stands, and its text.
HELP_FRAME_JA: Tuple[Tuple[str, str], ...] = (
    ("Usage: ", "使い方: "),
    ("Options:", "オプション:"),
    ("Arguments:", "引数:"),
    ("Commands:", "コマンド:"),
    ("Show this message and exit.", "このヘルプを表示して終了します。"),
    ("[default: ", "[既定値: "),
    ("[default:", "[既定値:"),
    ("[required]", "[必須]"),
    ("[env var: ", "[環境変数: "),
)
# --target's help, filled from the targets' data as its English is
# (pcsgen.cli.parameters.TARGET_HELP).
HELP_TARGET_JA = (
    "出力先の RHEL リリース: マイナーリリース ({ranges})、またはメジャーリリース "
    "(その最新のマイナー: {newest})。"
)
# typer's own options, as its versions word them.
HELP_TYPER_JA: Dict[str, str] = {
    "Install completion for the current shell.": "現在のシェルに補完を組み込みます。",
    "Install completion for the specified shell.": "指定したシェルに補完を組み込みます。",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "現在のシェル向けの補完を表示します (コピーや組み込み方の調整に)。"
    ),
    "Show completion for the specified shell, to copy it or customize the installation.": (
        "指定したシェル向けの補完を表示します (コピーや組み込み方の調整に)。"
    ),
}
# The command line's help in Japanese, by its English text (pcsgen.cli.localise): the
# help of every command and option. tests/test_help_language.py fails on a help text
# missing here, or an entry no longer used.
HELP_JA: Dict[str, str] = {
    # pcsgen itself
    "Compile Pacemaker cluster-definition workbooks (pm_pcsgen format) into a CIB and a "
    "pcs script.\n\nRun `pcsgen FILE` to compile, `pcsgen lint FILE` to check.": (
        "Pacemaker のクラスタ環境定義書 (pm_pcsgen 形式) を CIB と pcs スクリプトに"
        "コンパイルします。\n\nコンパイルは `pcsgen FILE`、検査は `pcsgen lint FILE` です。"
    ),
    "Print pcsgen's version and exit.": "pcsgen のバージョンを表示して終了します。",
    "Print pcsgen's version.": "pcsgen のバージョンを表示します。",
    # compile and the options it shares
    "Compile a definition into NAME.xml (CIB) and NAME.sh (pcs script).": (
        "定義書を NAME.xml (CIB) と NAME.sh (pcs スクリプト) にコンパイルします。"
    ),
    "Definition: BOOK.xlsx, BOOK.xlsx:SHEET or FILE.csv": (
        "定義書: BOOK.xlsx、BOOK.xlsx:SHEET または FILE.csv"
    ),
    "Sheet of the workbook to read.": "読み込むブックのシート。",
    "CIB output path.": "CIB の出力先。",
    "Script output path.": "スクリプトの出力先。",
    "Do not say which files were written.": "書き出したファイルを表示しません。",
    "A corosync.conf, or a CIB whose <nodes> give the node ids (default: "
    "/etc/corosync/corosync.conf when the NODE table needs ids or for rhel10; '' for "
    "none).": (
        "corosync.conf、またはノード ID を <nodes> に持つ CIB (既定値: NODE 表に ID が"
        "必要なときと rhel10 では /etc/corosync/corosync.conf。'' で使いません)。"
    ),
    "Value of a {{ placeholder }} (repeatable; wins over --vars).": (
        "{{ プレースホルダ }} の値 (複数指定可。--vars より優先)。"
    ),
    "Variables from a JSON, TOML or YAML file (repeatable).": (
        "JSON、TOML または YAML ファイルから読む変数 (複数指定可)。"
    ),
    "A variable never shown in messages or diffs (names such as *_password, *_secret, "
    "*_token or *_key are secret anyway).": (
        "メッセージや差分に値を表示しない変数 (*_password、*_secret、*_token、*_key "
        "などの名前は指定しなくても秘密として扱います)。"
    ),
    "An Ansible inventory (file or folder, with group_vars/ and host_vars/ beside it): "
    "the definition sees a host's variables, groups and hostvars, as a play does (needs "
    "ansible-core: pip install 'pcsgen[ansible]').": (
        "Ansible のインベントリ (ファイルまたはフォルダ。隣の group_vars/ と host_vars/ "
        "も読みます): 定義書はプレイと同じようにホストの変数、グループ、hostvars を参照"
        "できます (ansible-core が必要: pip install 'pcsgen[ansible]')。"
    ),
    "With --inventory: the host is the first of GROUP (default: of the group holding "
    "the NODE table's nodes).": (
        "--inventory と併用: GROUP の最初のホストを使います (既定値: NODE 表のノードを"
        "含むグループ)。"
    ),
    "With --inventory: the host whose variables are used.": (
        "--inventory と併用: 変数を使うホスト。"
    ),
    "Read agent metadata from agents installed here (else only the built-in catalogue).": (
        "このマシンにインストールされたエージェントのメタデータを読みます (指定しない"
        "ときは内蔵のカタログのみ)。"
    ),
    "Apply the ADDITIONAL_CONFIG commands to the CIB with this machine's pcs (only "
    "commands that edit a CIB run); --no-additional-config runs nothing and leaves them "
    "to the script.": (
        "ADDITIONAL_CONFIG のコマンドをこのマシンの pcs で CIB に適用します (CIB を"
        "編集するコマンドだけを実行します)。--no-additional-config では何も実行せず、"
        "スクリプトに任せます。"
    ),
    "Language of messages (default: the locale).": "メッセージの言語 (既定値: ロケール)。",
    "Show a traceback on internal errors.": "内部エラーのトレースバックを表示します。",
    # lint, vars, template, import
    "Check a definition and report every problem with its cell. Writes nothing.": (
        "定義書を検査し、すべての問題をそのセルとともに報告します。何も書き出しません。"
    ),
    "text, json or sarif.": "text、json または sarif。",
    "List the variables a definition uses, their values or defaults, and where.": (
        "定義書が使う変数を、その値または既定値、使われている場所とともに一覧します。"
    ),
    "text or json.": "text または json。",
    "Write an empty definition workbook (or an example) to start from.": (
        "作成の出発点となる空の定義書 (または例) を書き出します。"
    ),
    "The workbook to write (.xlsx).": "書き出すブック (.xlsx)。",
    "Fill it with one of pcsgen's examples.": "pcsgen の例のひとつで埋めます。",
    "Replace the output even when it is not a document pcsgen wrote and nobody changed "
    "since (a filled definition, a test plan with results).": (
        "出力先が pcsgen の書き出したまま変更されていない文書でなくても (記入済みの"
        "定義書、結果を記入した試験計画など) 置き換えます。"
    ),
    "Turn an existing CIB into a definition workbook (or CSV); a pm_crmgen "
    "definition\ntoo (--from pm_crmgen).": (
        "既存の CIB を定義書 (または CSV) に変換します。pm_crmgen の環境定義書も\n"
        "変換できます (--from pm_crmgen)。"
    ),
    "A CIB file (pcs cluster cib > cib.xml), or a pm_crmgen definition (OLD.csv, "
    "OLD.xls, BOOK.xlsx[:SHEET]).": (
        "CIB ファイル (`pcs cluster cib > cib.xml`)、または pm_crmgen の環境定義書 "
        "(OLD.csv、OLD.xls、BOOK.xlsx[:SHEET])。"
    ),
    "The definition to write.": "書き出す定義書。",
    "What the input is (default: a pm_crmgen definition when it says so, else a CIB).": (
        "入力の種類 (既定値: pm_crmgen の環境定義書であると読み取れればそれ、そうでなければ CIB)。"
    ),
    # diff, plan, apply
    "Semantic diff of two configurations. Exit 0 equal, 1 different, 2 trouble.": (
        "2 つの設定を意味で比較します。終了コードは同じなら 0、異なれば 1、問題があれば 2 です。"
    ),
    "A definition or a CIB file.": "定義書または CIB ファイル。",
    "Show the values of secrets (passwords, keys, secret variables), which are "
    "otherwise reported as changed without them.": (
        "秘密の値 (パスワード、鍵、秘密の変数) を表示します。指定しないときは値を"
        "伏せて、変更があったことだけを報告します。"
    ),
    "What applying a definition (or a CIB file) would change on the live cluster.": (
        "定義書 (または CIB ファイル) を適用すると稼働中のクラスタの何が変わるかを示します。"
    ),
    "Show the plan, ask, back the live CIB up, and push the configuration section.": (
        "計画を表示して確認を求め、稼働中の CIB をバックアップしてから configuration "
        "セクションを反映します。"
    ),
    "Do not ask for confirmation.": "確認を求めません。",
    "Refuse unless the live CIB is still at the epoch `pcsgen plan` showed.": (
        "稼働中の CIB が `pcsgen plan` の示した epoch のままでなければ中止します。"
    ),
    "Refuse unless the configuration to push is the one `pcsgen plan` showed (its digest).": (
        "反映する設定が `pcsgen plan` の示したもの (そのダイジェスト) でなければ中止します。"
    ),
    "Where to save the live CIB first.": "事前に稼働中の CIB を保存する場所。",
    "Push into the lab (pcsgen lab up) instead, with stand-ins.": (
        "代わりにラボ (`pcsgen lab up`) に代替リソースとともに反映します。"
    ),
    "Which lab, with --lab.": "--lab と併用: どのラボか。",
    # simulate
    "Where every resource runs, and what Pacemaker does when a node, a resource or a "
    "node\nattribute fails: as text, JSON, or a failure test plan (csv, xlsx).": (
        "各リソースがどこで動くか、ノード、リソース、ノード属性に障害が起きたとき\n"
        "Pacemaker が何をするかを、テキスト、JSON、障害試験計画 (csv、xlsx) で示します。"
    ),
    "A cluster node to simulate on (repeatable).": (
        "シミュレーションに使うクラスタノード (複数指定可)。"
    ),
    "A node attribute of the steady state (repeatable), e.g. node01:ping-status=1; "
    "those published by ping, health and attribute agents are found without it.": (
        "定常状態のノード属性 (複数指定可)。例: node01:ping-status=1。ping、ヘルス、"
        "属性のエージェントが公開する属性は指定しなくても求めます。"
    ),
    "A primitive's monitor (or :start, :stop) fails, where it runs or on NODE (repeatable).": (
        "プリミティブの monitor (または :start、:stop) が、動作中のノードまたは NODE "
        "で失敗します (複数指定可)。"
    ),
    "A node attribute changes after the steady state (repeatable).": (
        "定常状態の後にノード属性が変わります (複数指定可)。"
    ),
    "A node attribute disappears after the steady state (repeatable).": (
        "定常状態の後にノード属性がなくなります (複数指定可)。"
    ),
    "Also fail each node in turn.": "各ノードを順に停止させる場合も示します。",
    "Every failure the definition anticipates: each node, each primitive's monitor and "
    "stop, each rule's node attribute.": (
        "定義が想定するすべての障害: 各ノード、各プリミティブの monitor と stop、"
        "各ルールのノード属性。"
    ),
    "crm_simulate runs at most (default 50); the scenarios or failovers past it are left out.": (
        "crm_simulate の最大実行回数 (既定値 50)。超えたシナリオやフェイルオーバーは省きます。"
    ),
    "text, json, or a test plan: csv or xlsx.": "text、json、または試験計画: csv か xlsx。",
    "Write to PATH (xlsx default: NAME-test-plan.xlsx).": (
        "PATH に書き出します (xlsx の既定値: NAME-test-plan.xlsx)。"
    ),
    "Show the values of secrets (secret variables, node attributes named like secrets), "
    "which are otherwise masked.": (
        "秘密の値 (秘密の変数、秘密を表す名前のノード属性) を表示します。指定しないときは伏せます。"
    ),
    "Show on stderr how many scenarios are simulated (default: when stderr is a terminal).": (
        "シミュレーション済みのシナリオ数を標準エラー出力に表示します (既定値: 標準"
        "エラー出力が端末のとき)。"
    ),
    # graph, report
    "Draw a definition or a CIB file: groups, clones, constraints, fencing (Graphviz).": (
        "定義書または CIB ファイルを図にします: グループ、クローン、制約、フェンシング (Graphviz)。"
    ),
    "The diagram to write (default NAME.svg). Without Graphviz's dot, the .dot is "
    "written instead.": (
        "書き出す図 (既定値 NAME.svg)。Graphviz の dot がなければ代わりに .dot を書き出します。"
    ),
    "Write a design report (HTML): summary, diagram, tables, lint findings, placements.": (
        "設計レポート (HTML) を書き出します: 概要、図、表、検査結果、リソース配置。"
    ),
    "The report to write: one self-contained HTML file.": (
        "書き出すレポート: それだけで完結する HTML ファイル 1 つ。"
    ),
    "Add crm_simulate's placement and failover tables (when it is installed).": (
        "crm_simulate による配置とフェイルオーバーの表を加えます (インストールされているとき)。"
    ),
    # lab and test
    "A real corosync + Pacemaker cluster on this machine (root, Linux).": (
        "このマシン上の本物の corosync + Pacemaker クラスタ (root、Linux)。"
    ),
    "Start a lab cluster with the nodes of DEFINITION; list the stand-ins it will use.": (
        "DEFINITION のノードでラボのクラスタを起動し、使う代替リソースを一覧します。"
    ),
    "Nodes, when the definition names none.": "ノード数 (定義書がノードを示さないとき)。",
    "Which lab (several may run side by side).": "どのラボか (複数を並べて動かせます)。",
    "Push a definition (pcsgen's compile, with stand-ins) into the running lab.": (
        "定義書 (pcsgen のコンパイル結果、代替リソース付き) を稼働中のラボに反映します。"
    ),
    "Each node's power and address, and the cluster as a running node sees it.": (
        "各ノードの電源とアドレス、稼働中のノードから見たクラスタの状態。"
    ),
    "Run a command inside a lab node (crm_mon, cibadmin, crm_resource ...).": (
        "ラボのノードの中でコマンドを実行します (crm_mon、cibadmin、crm_resource など)。"
    ),
    "The lab node to run in.": "実行するラボのノード。",
    "The command and its arguments, after --.": "-- の後に、コマンドとその引数。",
    "Use the lab's power switch by hand, as one would pull a plug.": (
        "電源プラグを抜くように、ラボの電源スイッチを手で操作します。"
    ),
    "The lab node.": "ラボのノード。",
    "Stop the lab: no process, namespace, mount or file of it is left.": (
        "ラボを停止します: そのプロセス、名前空間、マウント、ファイルは何も残りません。"
    ),
    "Run a design's failure test plan on the lab's real cluster.": (
        "設計の障害試験計画をラボの本物のクラスタで実行します。"
    ),
    "Run every scenario of `simulate --scenarios` for real and compare each outcome "
    "with\nthe simulated one. Exit 1 when a scenario differs.": (
        "`simulate --scenarios` の各シナリオを実際に実行し、結果をシミュレーションの\n"
        "結果と比べます。異なるシナリオがあれば終了コードは 1 です。"
    ),
    "Run on the lab's real cluster (the only place it runs today).": (
        "ラボの本物のクラスタで実行します (現在はここでのみ実行できます)。"
    ),
    "Only scenarios of this kind (repeatable): node-failure, monitor-failure, "
    "attribute-change ...": (
        "この種類のシナリオだけ (複数指定可): node-failure、monitor-failure、"
        "attribute-change など。"
    ),
    "Only scenarios about this node, resource or attribute (repeatable).": (
        "このノード、リソース、属性に関するシナリオだけ (複数指定可)。"
    ),
    "Write the results there: JSON, or the test-plan workbook with its result columns "
    "filled when the name ends in .xlsx (the JSON then goes to standard output). "
    "Default: JSON on standard output.": (
        "結果の書き出し先: JSON、または名前が .xlsx で終わるときは結果欄を記入した"
        "試験計画ブック (このとき JSON は標準出力へ)。既定値: 標準出力に JSON。"
    ),
    "Leave a lab this run started running afterwards.": (
        "この実行で起動したラボを、終了後も動かしたままにします。"
    ),
}
