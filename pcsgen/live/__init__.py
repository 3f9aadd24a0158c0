"""The live cluster, through Pacemaker's own tools: its CIB queried, a plan against a
configuration, and the guarded push of that configuration."""
