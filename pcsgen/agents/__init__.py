"""Resource and fence agent metadata: from the system when installed, else a catalogue."""
