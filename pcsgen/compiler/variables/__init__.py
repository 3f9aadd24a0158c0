"""Variables: `{{ name }}` placeholders in any value cell, filled from the command line,
a vars file, the environment and the workbook's own VARIABLES table.

Precedence, highest first: --var NAME=VALUE, --vars FILE, the variables a caller
gives (a playbook task's), the host's variables of an Ansible inventory (--inventory),
PCSGEN_VAR_NAME environment variables, the VARIABLES table's value column. Placeholders
are rendered by a sandboxed jinja2 environment; an undefined name is an error at its cell.

A vars file's value may be anything JSON, TOML or YAML holds: mappings, lists of
mappings, numbers, booleans (`{{ ipaddr.ip }}`, `{{ svlan[0].nic }}`), as the variables
of an Ansible play. A string anywhere inside a value may hold placeholders itself
(`pgdata: "{{ PGDATA }}"`): it is rendered when the cell uses it, as Ansible renders
nested templates.

The package in the order of the work: `sources` gathers the variables and their values,
`sandbox` renders one text in jinja2's sandbox, `bounded` runs the renderer in a child
process under time and memory bounds, and `fill` fills the raw tables' cells.
"""
