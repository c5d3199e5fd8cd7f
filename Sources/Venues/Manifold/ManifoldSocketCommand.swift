import Foundation

/// A message the client sends to Manifold's WebSocket server. Every one carries a `txid`, which
/// the server echoes in its `ack`.
public enum ManifoldSocketCommand: Sendable, Hashable {
    case subscribe(txid: Int, topics: [ManifoldTopic])
    case unsubscribe(txid: Int, topics: [ManifoldTopic])
    /// The keep-alive: the server drops a connection that has not pinged for about 60 s.
    case ping(txid: Int)

    public var txid: Int {
        switch self {
        case .subscribe(let txid, _), .unsubscribe(let txid, _), .ping(let txid): txid
        }
    }

    private struct Wire: Encodable {
        var type: String
        var txid: Int
        var topics: [String]?
    }

    /// The JSON text frame (`{"topics":[…],"txid":1,"type":"subscribe"}`).
    public var text: String {
        let wire: Wire
        switch self {
        case .subscribe(let txid, let topics): wire = Wire(type: "subscribe", txid: txid, topics: topics.map(\.rawValue))
        case .unsubscribe(let txid, let topics): wire = Wire(type: "unsubscribe", txid: txid, topics: topics.map(\.rawValue))
        case .ping(let txid): wire = Wire(type: "ping", txid: txid)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and integers cannot fail.
        return String(decoding: try! encoder.encode(wire), as: UTF8.self)
    }
}
