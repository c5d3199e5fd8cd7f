/// The runtime: turns configuration (file, environment, flags) into ready-to-use parts — the
/// data directory, the store, the venue clients and their live order gateways, the recorder, the
/// radar session — and runs the agent (`Agent/`), so the CLI and, later, the server wire
/// Edgewise the same way.
public enum EdgewiseRuntime {}
