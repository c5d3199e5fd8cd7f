/// Whether a `book` message's `hash` is the hash of the message's own content under the recipe of
/// ``OrderBookHash``. The stream resyncs a book whose message fails this check (see
/// ``PolymarketMarketStream``), because a summary that does not hash to its own hash was altered
/// or assembled from inconsistent state somewhere between the venue's book and us.
public enum BookHashVerdict: Sendable, Hashable {
    case matches
    case mismatch(reported: String, computed: String)

    /// Nil when the summary carries no hash, or one that is not a lower- or upper-case SHA-1 hex
    /// digest (the documentation's `0x1234…` placeholders): our recipe could never produce it, so
    /// comparing would only report the placeholder.
    public static func check(_ summary: ClobBookSummary) -> BookHashVerdict? {
        guard let reported = summary.hash, isSHA1Hex(reported) else { return nil }
        let computed = OrderBookHash.hash(of: summary)
        return reported.lowercased() == computed ? .matches : .mismatch(reported: reported, computed: computed)
    }

    static func isSHA1Hex(_ text: String) -> Bool {
        text.utf8.count == 40 && text.utf8.allSatisfy { $0 &- 48 < 10 || ($0 | 0x20) &- 97 < 6 }
    }
}
