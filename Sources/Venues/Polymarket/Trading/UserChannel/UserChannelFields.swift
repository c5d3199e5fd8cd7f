import EdgewiseCore
import EdgewiseVenueKit
import Foundation

/// Field readers shared by the user-channel payloads (WebSocket events and the REST order and
/// trade objects, which use the same names). Every failure is a `DecodingError` at the exact key,
/// so ``DecodingErrorDescription`` can name the field (`maker_orders[1].price`) in the error.
extension KeyedDecodingContainer {
    /// A decimal string (or, defensively, a JSON number read through `Decimal`) as an exact
    /// fixed-point value; never through `Double`.
    func exact<T: FixedPointDecimal>(_ type: T.Type, forKey key: Key) throws -> T {
        let raw = try decode(LenientDecimal.self, forKey: key)
        return try exactValue(raw, forKey: key)
    }

    /// Like ``exact(_:forKey:)``, nil when the key is absent, null or an empty string.
    func exactIfPresent<T: FixedPointDecimal>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let raw = try decodeIfPresent(LenientDecimal.self, forKey: key), !raw.isEmpty else { return nil }
        return try exactValue(raw, forKey: key)
    }

    private func exactValue<T: FixedPointDecimal>(_ raw: LenientDecimal, forKey key: Key) throws -> T {
        do {
            guard let value = try raw.value(T.self) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "empty decimal value")
            }
            return value
        } catch let error as FixedPointError {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: error.description)
        }
    }

    /// A string or number as text; nil when absent or null.
    func text(forKey key: Key) throws -> String? {
        try decodeIfPresent(LenientString.self, forKey: key)?.value
    }

    /// A text that must be present and non-empty (ids, token ids).
    func requiredText(forKey key: Key) throws -> String {
        guard let value = try text(forKey: key), !value.isEmpty else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "required field is missing or empty"))
        }
        return value
    }

    /// `BUY` / `SELL` in any case; anything else is an error, since a trade or order whose
    /// direction is unknown cannot be booked.
    func side(forKey key: Key) throws -> OrderSide {
        let raw = try requiredText(forKey: key)
        guard let side = OrderSide(polymarket: raw) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(raw)' is neither BUY nor SELL")
        }
        return side
    }

    /// A venue time in any of the forms the user channel and the REST trading endpoints use.
    func time(forKey key: Key) throws -> Timestamp? {
        UserChannelTime.parse(try text(forKey: key))
    }
}

/// The times on the user channel: unix seconds as a string in the documented examples
/// (`"1672290701"`), milliseconds on live frames, ISO-8601 on some REST trade objects.
enum UserChannelTime {
    /// Values below this are seconds: as milliseconds they would lie in early 1973, before
    /// Polymarket existed; as seconds they reach past the year 5000.
    static let millisecondThreshold: Int64 = 100_000_000_000

    static func parse(_ text: String?) -> Timestamp? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ $0 &- 48 < 10 }), let value = Int64(text) {
            // Below the threshold the product stays far from overflow.
            return PolymarketTime.timestamp(milliseconds: value < millisecondThreshold ? value * 1000 : value)
        }
        return PolymarketTime.parseISO(text)
    }
}
