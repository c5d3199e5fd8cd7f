import EdgewiseCore
import Foundation

extension KeyedDecodingContainer {
    /// A venue time sent as Unix seconds (`ts` of ticker and trade), Unix milliseconds, or an
    /// RFC 3339 string (newer book deltas). Numbers above 10^11 cannot be seconds (that is the
    /// year 5138), so they are read as milliseconds.
    func kalshiTimestamp(_ key: Key) throws -> Timestamp? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        func fromNumber(_ value: Int64) -> Timestamp {
            value >= 100_000_000_000 ? Timestamp(milliseconds: value) : Timestamp(seconds: value)
        }
        if let number = try? decode(Int64.self, forKey: key) { return fromNumber(number) }
        if let text = try? decode(String.self, forKey: key) {
            if let number = Int64(text) { return fromNumber(number) }
            let plain = ISO8601DateFormatter()
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = fractional.date(from: text) ?? plain.date(from: text) { return Timestamp(date) }
        }
        throw DecodingError.dataCorruptedError(
            forKey: key, in: self, debugDescription: "\(key.stringValue) is neither Unix seconds/milliseconds nor an RFC 3339 time")
    }

    /// A string field that must be present and non-empty (tickers, ids).
    func kalshiRequiredString(_ key: Key) throws -> String {
        let value = try decode(String.self, forKey: key)
        guard !value.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(key.stringValue) is empty")
        }
        return value
    }
}
