"""Compiling a definition: read -> tables -> (variables) -> build -> complete -> check ->
emit (a CIB and a pcs script); pipeline.py runs the stages in that order."""
