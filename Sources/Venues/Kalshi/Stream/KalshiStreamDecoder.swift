import EdgewiseVenueKit
import Foundation

/// Turns one text frame of Kalshi's WebSocket into a ``KalshiStreamMessage``.
public enum KalshiStreamDecoder {
    public static func decode(_ text: String) throws(KalshiStreamDecodingError) -> KalshiStreamMessage {
        let data = Data(text.utf8)
        do {
            return try JSONDecoder().decode(KalshiStreamMessage.self, from: data)
        } catch {
            let (field, detail) = DecodingErrorDescription.describe(error)
            // Read what we can of the envelope, so that a broken book message still names its book.
            let envelope = try? JSONDecoder().decode(Envelope.self, from: data)
            throw KalshiStreamDecodingError(
                type: envelope?.type, sid: envelope?.sid, seq: envelope?.seq, marketTicker: envelope?.msg?.market_ticker,
                field: field, detail: detail, excerpt: text.count > 160 ? String(text.prefix(160)) + "…" : text)
        }
    }

    /// Only the fields that say where a frame belongs, each optional and of a lenient type.
    struct Envelope: Decodable {
        struct Body: Decodable {
            var market_ticker: String?
        }

        var type: String?
        var sid: Int?
        var seq: UInt64?
        var msg: Body?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: KalshiStreamMessage.Keys.self)
            type = try? container.decodeIfPresent(String.self, forKey: .type)
            sid = try? container.decodeIfPresent(Int.self, forKey: .sid)
            seq = try? container.decodeIfPresent(UInt64.self, forKey: .seq)
            msg = try? container.decodeIfPresent(Body.self, forKey: .msg)
        }
    }
}
