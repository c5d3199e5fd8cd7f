import EdgewiseVenueKit
import EdgewiseCore
import Foundation

extension KeyedDecodingContainer {
    /// A time sent as RFC 3339 text (`2026-05-30T14:00:00Z`, fractional seconds allowed) or as
    /// Unix seconds. Empty text and null mean "not set" (Kalshi sends `""` for unset times).
    func kalshiTime(_ key: Key) throws -> Timestamp? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let seconds = try? decode(Int64.self, forKey: key) { return Timestamp(seconds: seconds) }
        let text = try decode(String.self, forKey: key).trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        if let time = KalshiTime.parse(text) { return time }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not an RFC 3339 time")
    }

    /// An optional string where the venue also sends `""` or null for "none".
    func kalshiText(_ key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let text = try decode(String.self, forKey: key)
        return text.isEmpty ? nil : text
    }

    /// An optional flag sent as a boolean (or, leniently, as "true"/1).
    func kalshiFlag(_ key: Key) throws -> Bool? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decode(LenientFlag.self, forKey: key).value
    }
}

enum KalshiTime {
    static func parse(_ text: String) -> Timestamp? { Timestamp(iso8601: text) }
}

/// `true`, `"true"`, `1`: venues are not consistent about booleans in older payloads.
struct LenientFlag: Decodable {
    var value: Bool
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let bool = try? container.decode(Bool.self) {
            value = bool
        } else if let number = try? container.decode(Int.self) {
            value = number != 0
        } else {
            switch try container.decode(String.self).lowercased() {
            case "true", "1": value = true
            case "false", "0", "": value = false
            default: throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a boolean")
            }
        }
    }
}
