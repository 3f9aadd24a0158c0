"""What pcs accepts and how it is spoken to, in one place for the compiler (checks,
builders, the script emitter) and the import alike: how pcs reads its arguments
(arguments), the words of a rule (rules), what it refuses unless forced and its reasons
for it (refusals), the commands that rebuild CIB elements no table holds (commands),
and shell quoting (quoting)."""
