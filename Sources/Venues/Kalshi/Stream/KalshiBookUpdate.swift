import EdgewiseCore

/// A Kalshi book after a snapshot or a delta was applied to it. Only synchronised books are
/// reported this way: a book that cannot be trusted is announced with
/// ``KalshiStreamUpdate/unsynchronized(tickers:reason:)`` instead and stays silent until its
/// fresh snapshot arrives.
public struct KalshiBookUpdate: Equatable, Sendable {
    public enum Cause: Hashable, Sendable {
        case snapshot
        case delta(KalshiOrderbookDeltaMessage)
    }

    /// The whole book after the change (both bid ladders).
    public var book: KalshiBook
    public var cause: Cause
    /// The subscription and sequence number of the message that caused it.
    public var sid: Int
    public var seq: UInt64?
    public var receivedAt: Timestamp

    public init(book: KalshiBook, cause: Cause, sid: Int, seq: UInt64?, receivedAt: Timestamp) {
        self.book = book
        self.cause = cause
        self.sid = sid
        self.seq = seq
        self.receivedAt = receivedAt
    }

    public var ticker: String { book.ticker }

    /// The two-sided book of `side`'s contracts (asks derived from the other side's bids).
    public func snapshot(of side: KalshiSide) -> BookSnapshot { book.snapshot(of: side) }

    /// The change in Core's terms, for both instruments of the market: full snapshots after a
    /// snapshot; after a delta, one level change each (a NO bid at p is a YES ask at 1 − p).
    public var marketDataEvents: [ReceivedEvent] {
        switch cause {
        case .snapshot:
            return KalshiSide.allCases.map { ReceivedEvent(receivedAt: receivedAt, event: .bookSnapshot(book.snapshot(of: $0))) }
        case .delta(let delta):
            return KalshiSide.allCases.map { instrumentSide in
                let change = delta.side == instrumentSide
                    ? BookChange(side: .bid, price: delta.price, update: .add(delta.delta))
                    : BookChange(side: .ask, price: delta.price.complement, update: .add(delta.delta))
                let event = BookDelta(
                    instrument: Kalshi.instrument(ticker: delta.marketTicker, side: instrumentSide), changes: [change],
                    venueTimestamp: delta.venueTimestamp, sequence: seq)
                return ReceivedEvent(receivedAt: receivedAt, event: .bookDelta(event))
            }
        }
    }
}
