"""What Pacemaker does when something fails, asked of its own scheduler on a file
(crm_simulate): failure scenarios, the node attributes rules test, and the failure
test plan made of a simulation."""
