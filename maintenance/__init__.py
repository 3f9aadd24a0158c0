"""Scripts that regenerate pcsgen's data files from what Pacemaker and the installed
agents say (the agent catalogue, the cluster options); run from a checkout, never
installed, never imported at run time."""
