"""CIBs as Pacemaker reads them, and compared: reading (id-refs, nvpair blocks, rules,
templates), values, the canonical form, the semantic diff, the configuration to
compare (a CIB file or a definition compiled), the primitives a simulation needs, and
secrets kept out of what is shown."""
