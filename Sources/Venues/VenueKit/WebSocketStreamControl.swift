import Synchronization

/// The connection half of a venue stream: it admits a single start, holds the socket and the task
/// that pumps its events into the stream's actor, and stops both.
///
/// Kept outside the actor (and lock-protected) because stopping must work from any thread — an
/// `AsyncStream`'s `onTermination` runs synchronously — without waiting for the actor.
public final class WebSocketStreamControl: Sendable {
    private struct State {
        var socket: ReconnectingWebSocket?
        var pump: Task<Void, Never>?
        var started = false
    }

    private let state = Mutex(State())

    public init() {}

    /// True for the first caller only; a stream is connected once.
    public func claimStart() -> Bool {
        state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
    }

    public func attach(socket: ReconnectingWebSocket, pump: Task<Void, Never>) {
        state.withLock {
            $0.socket = socket
            $0.pump = pump
        }
    }

    public var socket: ReconnectingWebSocket? { state.withLock { $0.socket } }

    /// Closes the connection; the stream then reports it stopped and ends.
    public func stop() {
        socket?.stop()
    }

    /// The consumer went away: nothing is left to deliver to, so stop at once.
    public func terminate() {
        let (socket, pump) = state.withLock { ($0.socket, $0.pump) }
        socket?.stop()
        pump?.cancel()
    }
}
