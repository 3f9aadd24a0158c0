"""Compiling a definition: read -> tables -> builders -> check -> emit (a CIB and a pcs script)."""
