/// What became of an order submission that went unanswered, found by looking the order up.
public enum PolymarketSubmissionResolution: Sendable, Hashable {
    /// The order rests on the book (possibly partly filled): it was placed; do not re-send.
    case foundOpen(PolymarketOpenOrder)
    /// The order is not open but traded: it was placed and (partly) filled; do not re-send.
    case foundFilled(trades: [PolymarketTrade])
    /// Neither open nor traded. The venue most likely never placed it, so it may be sent again —
    /// the same signed order, whose hash the venue would refuse as a duplicate had it been placed
    /// after all.
    case notFound
}
