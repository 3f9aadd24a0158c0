"""Migration of older definitions into pm_pcsgen workbooks (pm_crmgen, for crmsh on
RHEL 5/6/7, to pcs on RHEL 8/9/10)."""
