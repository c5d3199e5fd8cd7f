import EdgewiseCore

/// The life of a reconnecting WebSocket as its owner sees it. After every `.connected` that
/// follows a drop the owner must assume it missed messages and resynchronize.
public enum WebSocketConnectionState: Sendable, Hashable, CustomStringConvertible {
    /// Connected; `connection` counts connections since start (1 = first, >1 = a reconnect).
    case connected(connection: Int)
    /// The connection ended; `reason` says why as far as we know.
    case disconnected(reason: String)
    /// Waiting `delay` before connection attempt number `attempt` after a failure.
    case reconnecting(attempt: Int, delay: Duration)
    /// Stopped for good (owner stopped it or the consumer went away).
    case stopped

    public var isReconnect: Bool {
        if case .connected(let connection) = self { return connection > 1 }
        return false
    }

    public var description: String {
        switch self {
        case .connected(let n): n == 1 ? "connected" : "reconnected (connection \(n))"
        case .disconnected(let reason): "disconnected: \(reason)"
        case .reconnecting(let attempt, let delay): "reconnecting (attempt \(attempt)) in \(delay.formattedSeconds)"
        case .stopped: "stopped"
        }
    }
}

/// What a ``ReconnectingWebSocket`` delivers: text frames with their arrival time, and changes
/// of the connection.
public enum WebSocketEvent: Sendable {
    /// A text frame; `receivedAt` is taken the moment the frame is read off the socket.
    case text(String, receivedAt: Timestamp)
    case state(WebSocketConnectionState)
}
