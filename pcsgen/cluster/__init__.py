"""Configurations against each other and against Pacemaker: canonical form, diff, the live
cluster (plan and apply) and the scheduler (simulate)."""
