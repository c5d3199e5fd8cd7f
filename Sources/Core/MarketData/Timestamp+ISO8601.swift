import Foundation

extension Timestamp {
    /// An RFC 3339 / ISO 8601 time as venues and feeds write it: `2026-05-30T14:00:00Z`, with or
    /// without fractional seconds or a numeric offset, or a bare date (`2026-05-30`, read as
    /// midnight UTC). Nil for anything else, so a caller can say which field was wrong.
    public init?(iso8601 text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            self.init(date)
        } else if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) {
            self.init(date)
        } else if let date = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) {
            self.init(date)
        } else {
            return nil
        }
    }
}
