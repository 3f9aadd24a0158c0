"""Checks on the IR: what a definition means, beyond the shape of its tables."""
