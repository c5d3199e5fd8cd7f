import EdgewiseCore
import Foundation

/// Polymarket's time formats: ISO-8601 with or without fractional seconds, date-only strings,
/// and millisecond epoch strings on the CLOB.
enum PolymarketTime {
    static func parseISO(_ text: String?) -> Timestamp? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let time = Timestamp(iso8601: text) { return time }
        // Gamma occasionally sends "2026-06-01 12:00:00+00" style values.
        let normalized = text.replacingOccurrences(of: " ", with: "T")
        if normalized != text { return parseISO(normalized) }
        return nil
    }

    /// A millisecond epoch sent as a string or number; empty or non-numeric gives nil.
    static func parseMilliseconds(_ text: String?) -> Timestamp? {
        // Digits only, as the fast path reads them, so both decoders agree on every frame.
        guard let text, !text.isEmpty, text.utf8.allSatisfy({ $0 &- 48 < 10 }), let value = Int64(text) else { return nil }
        return timestamp(milliseconds: value)
    }

    /// Nil for a negative value or one too large to hold in nanoseconds, rather than a wrapped one.
    static func timestamp(milliseconds value: Int64) -> Timestamp? {
        let (nanoseconds, overflow) = value.multipliedReportingOverflow(by: 1_000_000)
        return overflow || value < 0 ? nil : Timestamp(nanoseconds: nanoseconds)
    }
}
