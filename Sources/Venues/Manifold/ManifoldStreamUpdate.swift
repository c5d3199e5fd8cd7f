import EdgewiseCore
import EdgewiseVenueKit

/// What a ``ManifoldStream`` delivers.
public enum ManifoldStreamUpdate: Sendable {
    /// A broadcast on a subscribed topic, with the time its frame arrived.
    case broadcast(ManifoldBroadcast, receivedAt: Timestamp)
    /// The connection changed. After a `.connected` that follows a drop, bets broadcast while
    /// disconnected were missed: fetch them with `GET /bets` if they matter.
    case connection(WebSocketConnectionState)
    /// Something went wrong that the stream survived.
    case problem(ManifoldStreamProblem)

    public var broadcast: ManifoldBroadcast? {
        if case .broadcast(let broadcast, _) = self { return broadcast }
        return nil
    }
}

public enum ManifoldStreamProblem: Sendable, CustomStringConvertible {
    /// The server refused a subscription (an `ack` with `success: false`); those topics deliver
    /// nothing until subscribed again.
    case subscriptionRejected(txid: Int, topics: [ManifoldTopic], message: String?)
    /// The server refused another message (a ping or an unsubscribe).
    case commandRejected(txid: Int, message: String?)
    /// A frame that is not valid JSON or not a known shape; it was skipped.
    case malformedFrame(ManifoldSocketDecodingError)
    /// A message `type` this version does not know; it was skipped.
    case unknownMessage(type: String)

    public var description: String {
        switch self {
        case .subscriptionRejected(let txid, let topics, let message):
            "Manifold refused the subscription to \(topics.map(\.rawValue).joined(separator: ", ")) (txid \(txid))"
                + "\(message.map { ": \($0)" } ?? ""); check the topic names and subscribe again"
        case .commandRejected(let txid, let message):
            "Manifold refused message txid \(txid)\(message.map { ": \($0)" } ?? "")"
        case .malformedFrame(let error): error.description
        case .unknownMessage(let type): "Manifold WebSocket: unknown message type '\(type)' skipped; Edgewise may need an update"
        }
    }
}

/// Counters for monitoring a ``ManifoldStream``.
public struct ManifoldStreamStatistics: Sendable, Hashable {
    public var frames = 0
    public var broadcasts = 0
    public var bets = 0
    public var acks = 0
    public var rejectedAcks = 0
    public var pingsSent = 0
    public var malformedFrames = 0
    public var unknownMessages = 0
    public var reconnects = 0
}
