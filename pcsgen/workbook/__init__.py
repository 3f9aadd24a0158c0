"""Writing definition workbooks: the template, the examples and imports of existing CIBs."""
