"""pcsgen: compile Pacemaker cluster-definition workbooks into a CIB and a pcs script."""

__version__ = "0.1.0"
