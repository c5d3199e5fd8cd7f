import Crypto
import Foundation

/// Polymarket's order-book summary hash: SHA-1 (lower-case hex) of the summary as compact JSON
/// with `hash` set to `""`. The official Python client (which claims to match the server) writes
/// the keys in a fixed order; the TypeScript client hashes `JSON.stringify` of the object as
/// received. ``serialize(_:)`` reproduces the Python order; ``sha1Hex(_:)`` hashes any text.
public enum OrderBookHash {
    public static func hash(of summary: ClobBookSummary) -> String {
        sha1Hex(serialize(summary))
    }

    public static func sha1Hex(_ text: String) -> String {
        Insecure.SHA1.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Compact JSON in the order market, asset_id, timestamp, hash, bids, asks, min_order_size,
    /// tick_size, neg_risk, last_trade_price. Absent values become `null`, as Python's `None`.
    public static func serialize(_ summary: ClobBookSummary) -> String {
        var out = "{"
        out += "\"market\":" + string(summary.market)
        out += ",\"asset_id\":" + string(summary.asset_id)
        out += ",\"timestamp\":" + string(summary.timestamp?.value)
        out += ",\"hash\":\"\""
        out += ",\"bids\":" + levels(summary.bids)
        out += ",\"asks\":" + levels(summary.asks)
        out += ",\"min_order_size\":" + string(summary.min_order_size?.value)
        out += ",\"tick_size\":" + string(summary.tick_size?.value)
        out += ",\"neg_risk\":" + (summary.neg_risk.map { $0.value ? "true" : "false" } ?? "null")
        out += ",\"last_trade_price\":" + string(summary.last_trade_price?.value)
        return out + "}"
    }

    static func levels(_ levels: [ClobBookSummary.Level]?) -> String {
        guard let levels else { return "null" }
        return "[" + levels.map { "{\"price\":\(string($0.price.value)),\"size\":\(string($0.size.value))}" }.joined(separator: ",") + "]"
    }

    /// A JSON string literal escaped like Python's `json.dumps` (ASCII output, `\uXXXX` for
    /// everything else), so non-ASCII text hashes the same as on the server.
    static func string(_ value: String?) -> String {
        guard let value else { return "null" }
        var out = "\""
        for unit in value.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
    }
}
