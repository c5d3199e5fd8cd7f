import EdgewiseCore
import EdgewiseVenueKit
import Foundation

/// Decodes user-channel text frames: `PONG`, one event object, or a JSON array of events.
///
/// Unlike the market channel, a bad element does not cost its neighbours: each element of an
/// array is decoded on its own, because a dropped `trade` would be a missed fill.
public enum UserChannelDecoder {
    public static func decode(_ text: String) -> [UserChannelMessage] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed == "PONG" { return [.pong] }
        let data = Data(trimmed.utf8)
        let elements: [Element]
        do {
            switch trimmed.first {
            case "[": elements = try JSONDecoder().decode([Element].self, from: data)
            case "{": elements = [try JSONDecoder().decode(Element.self, from: data)]
            default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not JSON and not PONG"))
            }
        } catch {
            let (field, detail) = DecodingErrorDescription.describe(error)
            return [.malformed(UserChannelDecodingError(field: field, detail: detail, excerpt: excerpt(trimmed)))]
        }
        return elements.map { element in
            switch element.result {
            case .success(let message): message
            case .failure(let error):
                .malformed(UserChannelDecodingError(field: error.field, detail: error.detail, excerpt: excerpt(trimmed)))
            }
        }
    }

    static func excerpt(_ text: String) -> String {
        text.count > 160 ? String(text.prefix(160)) + "…" : text
    }

    /// One element, decoded in isolation: its failure is captured instead of thrown, so that the
    /// array around it still decodes.
    struct Element: Decodable {
        struct Failure: Error {
            var field: String
            var detail: String
        }

        let result: Result<UserChannelMessage, Failure>

        enum Keys: String, CodingKey {
            case event_type, type
        }

        init(from decoder: any Decoder) throws {
            do {
                result = .success(try Self.message(decoder))
            } catch {
                let (field, detail) = DecodingErrorDescription.describe(error)
                result = .failure(Failure(field: field, detail: detail))
            }
        }

        static func message(_ decoder: any Decoder) throws -> UserChannelMessage {
            let c = try decoder.container(keyedBy: Keys.self)
            let eventType = try c.text(forKey: .event_type)
            // Without `event_type` the `type` still tells a trade (`TRADE`) from an order event.
            let kind = try eventType?.lowercased() ?? fallbackEventType(c.text(forKey: .type))
            switch kind {
            case "order": return .order(try PolymarketUserOrder(from: decoder))
            case "trade": return .trade(try PolymarketUserTrade(from: decoder))
            default: return .unknown(eventType: eventType ?? "<missing event_type>")
            }
        }

        static func fallbackEventType(_ type: String?) -> String {
            switch type?.uppercased() {
            case "TRADE": "trade"
            case "PLACEMENT", "UPDATE", "CANCELLATION": "order"
            default: ""
            }
        }
    }
}
