/// The runtime: turns configuration (file, environment, flags) into ready-to-use parts — the
/// data directory, the store, the venue clients and the recorder — so the CLI and, later, the
/// server and the agent wire Edgewise the same way.
public enum EdgewiseRuntime {}
