import EdgewiseCore
import EdgewiseVenueKit
import Foundation

/// Turns the loosely typed fields of CLOB trading replies into exact values, naming the endpoint
/// and the field (`data[2].price`) when one does not fit. Money goes from the venue's decimal text
/// straight to fixed point; nothing passes through `Double`.
struct WireField {
    let endpoint: String
    /// Prepended to field names (`data[2].`).
    var prefix: String = ""

    func nested(_ path: String) -> WireField { WireField(endpoint: endpoint, prefix: prefix + path) }

    func failure(_ field: String, _ detail: String) -> VenueError {
        .decoding(endpoint: endpoint, field: prefix + field, detail: detail)
    }

    func required<T>(_ value: T?, _ field: String) throws(VenueError) -> T {
        guard let value else { throw failure(field, "is missing") }
        return value
    }

    /// A non-empty string.
    func text(_ value: String?, _ field: String) throws(VenueError) -> String {
        guard let value, !value.isEmpty else { throw failure(field, "is missing or empty") }
        return value
    }

    func exact<T: FixedPointDecimal>(_ raw: LenientDecimal?, _ field: String) throws(VenueError) -> T {
        guard let value: T = try optionalExact(raw, field) else { throw failure(field, "is missing or empty") }
        return value
    }

    /// Nil when the field is absent or an empty string (the venue's "no value").
    func optionalExact<T: FixedPointDecimal>(_ raw: LenientDecimal?, _ field: String) throws(VenueError) -> T? {
        guard let raw, !raw.isEmpty else { return nil }
        do {
            return try raw.value(T.self)
        } catch {
            throw failure(field, "\(error)")
        }
    }

    func side(_ raw: String?, _ field: String) throws(VenueError) -> OrderSide {
        let text = try text(raw, field)
        guard let side = OrderSide(polymarket: text) else { throw failure(field, "'\(text)' is neither BUY nor SELL") }
        return side
    }

    /// Unix seconds sent as a number or a numeric string; nil when absent, empty or "0" (the
    /// venue's "never" for expirations).
    func seconds(_ raw: LenientString?, _ field: String) throws(VenueError) -> Timestamp? {
        guard let raw, !raw.value.isEmpty else { return nil }
        guard let seconds = Int64(raw.value) else { throw failure(field, "'\(raw.value)' is not unix seconds") }
        return seconds == 0 ? nil : Timestamp(seconds: seconds)
    }

    /// A count or index sent as a number or a numeric string.
    func integer(_ raw: LenientString?, _ field: String) throws(VenueError) -> Int? {
        guard let raw, !raw.value.isEmpty else { return nil }
        guard let value = Int(raw.value) else { throw failure(field, "'\(raw.value)' is not an integer") }
        return value
    }

    /// Decodes a JSON body, naming the endpoint and field on failure.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, endpoint: String) throws(VenueError) -> T {
        try HTTPTransport.decode(type, from: data, endpoint: endpoint)
    }
}

/// A base-unit integer (pUSD and conditional tokens have 6 decimals, so one base unit is one
/// millionth — exactly the fixed-point unit).
extension WireField {
    func baseUnits(_ raw: LenientString?, _ field: String) throws(VenueError) -> Int64 {
        let text = try text(raw?.value, field)
        guard let units = Int64(text), units >= 0 else {
            throw failure(field, "'\(text)' is not a non-negative integer amount of base units")
        }
        return units
    }
}
