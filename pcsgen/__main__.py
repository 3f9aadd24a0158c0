from pcsgen.cli import main

main()
