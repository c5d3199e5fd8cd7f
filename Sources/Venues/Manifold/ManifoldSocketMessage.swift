import Foundation

/// A message from Manifold's WebSocket server.
public enum ManifoldSocketMessage: Sendable, Hashable {
    /// The answer to a client message with the same `txid`; `success` false means it was refused
    /// (`error` says why, when the server says).
    case ack(txid: Int, success: Bool, error: String?)
    /// A push on a subscribed topic.
    case broadcast(ManifoldBroadcast)
    /// A `type` this build does not know.
    case unknown(type: String)

    private struct Wire: Decodable {
        var type: String
        var txid: Int?
        var success: Bool?
        var error: String?
        var topic: String?
        var data: ManifoldBroadcast.Payload?
    }

    /// Decodes one text frame.
    public static func decode(_ text: String) throws(ManifoldSocketDecodingError) -> ManifoldSocketMessage {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(text.utf8))
        } catch {
            throw ManifoldSocketDecodingError(detail: "\(error)", excerpt: String(text.prefix(120)))
        }
        switch wire.type {
        case "ack":
            guard let txid = wire.txid else { throw ManifoldSocketDecodingError(detail: "ack without txid", excerpt: String(text.prefix(120))) }
            return .ack(txid: txid, success: wire.success ?? false, error: wire.error)
        case "broadcast":
            guard let topic = wire.topic else {
                throw ManifoldSocketDecodingError(detail: "broadcast without topic", excerpt: String(text.prefix(120)))
            }
            let data = wire.data ?? ManifoldBroadcast.Payload()
            return .broadcast(ManifoldBroadcast(topic: ManifoldTopic(topic), bets: data.bets ?? [], contract: data.contract))
        default:
            return .unknown(type: wire.type)
        }
    }
}

/// A broadcast on a topic. New-bet topics carry `{"bets": [...]}` (the global topic has also
/// carried the contract); `contract/<id>` carries `{"contract": {...}}` with only the changed
/// fields. Other topics' payloads are not decoded.
public struct ManifoldBroadcast: Sendable, Hashable {
    public var topic: ManifoldTopic
    public var bets: [ManifoldBet]
    /// The contract or the changed part of it (fields not sent are nil).
    public var contract: ManifoldMarket?

    public init(topic: ManifoldTopic, bets: [ManifoldBet] = [], contract: ManifoldMarket? = nil) {
        self.topic = topic
        self.bets = bets
        self.contract = contract
    }

    struct Payload: Decodable {
        var bets: [ManifoldBet]?
        var contract: ManifoldMarket?

        init() {}

        private enum CodingKeys: String, CodingKey { case bets, contract }

        init(from decoder: any Decoder) throws {
            // Some topics send a payload that is not an object; it carries nothing decoded here.
            guard let container = try? decoder.container(keyedBy: CodingKeys.self) else { return }
            // Bets are the point of the new-bet topics: a bet that does not decode is an error.
            bets = try container.decodeIfPresent([ManifoldBet].self, forKey: .bets)
            // A contract change may omit even the id; it is context, so it is dropped rather than failing the frame.
            contract = try? container.decodeIfPresent(ManifoldMarket.self, forKey: .contract)
        }
    }
}

/// A frame that is not valid JSON or not a message of a known shape.
public struct ManifoldSocketDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var detail: String
    /// The start of the frame, for the log.
    public var excerpt: String

    public var description: String { "Manifold WebSocket: malformed frame skipped (\(detail)): \(excerpt)" }
}
