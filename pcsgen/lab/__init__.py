"""The lab: a real corosync + Pacemaker cluster on this one Linux machine, each node in
namespaces of its own on a private bridge, with a power switch and real fencing; the
compiled design pushed into it with stand-ins, and the failure test plan run for real."""
