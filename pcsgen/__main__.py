"""`python -m pcsgen`: the command line."""

from pcsgen.cli import main

main()
