import EdgewiseCore

/// Why a Kalshi book can no longer be trusted.
public enum KalshiBookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A delta would leave a negative count at a level: we missed an update.
    case negativeLevel(ticker: String, side: KalshiSide, price: Price, result: Int64)
    /// A delta arrived for a book that has no snapshot yet.
    case noSnapshot(ticker: String)

    public var description: String {
        switch self {
        case .negativeLevel(let ticker, let side, let price, let result):
            "\(ticker): a delta leaves \(FixedPoint.format(result)) \(side.rawValue) contracts bid at \(price); an update was missed, resubscribe for a fresh snapshot"
        case .noSnapshot(let ticker):
            "\(ticker): a book delta arrived before the snapshot; resubscribe for a fresh snapshot"
        }
    }
}

/// A Kalshi market's book as the venue keeps it: resting **bids** for YES and for NO, nothing
/// else. Kalshi sends no asks because a NO bid at `p` is the same trade as a YES ask at `1 − p`;
/// ``snapshot(of:)`` turns the two bid ladders into an ordinary two-sided book for either side.
public struct KalshiBook: Sendable, Equatable {
    public let ticker: String
    /// Size per price, one dictionary per side; absent means no resting bid.
    public private(set) var yesBids: [Price: Size]
    public private(set) var noBids: [Price: Size]
    /// The WebSocket sequence of the last message applied, when it came from a stream.
    public private(set) var sequence: UInt64?
    public private(set) var venueTimestamp: Timestamp?

    public init(ticker: String, yes: [KalshiBookLevel], no: [KalshiBookLevel], sequence: UInt64? = nil, venueTimestamp: Timestamp? = nil) {
        self.ticker = ticker
        yesBids = Self.ladder(yes)
        noBids = Self.ladder(no)
        self.sequence = sequence
        self.venueTimestamp = venueTimestamp
    }

    private static func ladder(_ levels: [KalshiBookLevel]) -> [Price: Size] {
        var ladder: [Price: Size] = [:]
        for level in levels where level.size.units > 0 { ladder[level.price, default: .zero] += level.size }
        return ladder
    }

    /// Adds `delta` (millionths of a contract, signed) to the `side` bid at `price`; a level that
    /// reaches zero is removed. A negative result throws and leaves the book unchanged.
    public mutating func apply(side: KalshiSide, price: Price, delta: Int64, sequence: UInt64? = nil, venueTimestamp: Timestamp? = nil)
        throws(KalshiBookError)
    {
        let current = (side == .yes ? yesBids[price] : noBids[price])?.units ?? 0
        let result = current + delta
        guard result >= 0 else { throw .negativeLevel(ticker: ticker, side: side, price: price, result: result) }
        let size: Size? = result == 0 ? nil : Size(units: result)
        if side == .yes { yesBids[price] = size } else { noBids[price] = size }
        if let sequence { self.sequence = sequence }
        if let venueTimestamp { self.venueTimestamp = venueTimestamp }
    }

    public func bids(_ side: KalshiSide) -> [KalshiBookLevel] {
        (side == .yes ? yesBids : noBids).map { KalshiBookLevel(price: $0.key, size: $0.value) }.sorted { $0.price > $1.price }
    }

    /// The best bid for `side`'s contracts.
    public func bestBid(_ side: KalshiSide) -> KalshiBookLevel? { bids(side).first }

    /// The best ask for `side`'s contracts: the best bid of the other side, complemented.
    public func bestAsk(_ side: KalshiSide) -> KalshiBookLevel? {
        bestBid(side.opposite).map { KalshiBookLevel(price: $0.price.complement, size: $0.size) }
    }

    /// The two-sided book of `side`'s contracts: its own bids, and as asks the other side's bids
    /// at `1 − p`.
    public func snapshot(of side: KalshiSide, tickSize: Price? = nil) -> BookSnapshot {
        let own = side == .yes ? yesBids : noBids
        let other = side == .yes ? noBids : yesBids
        return BookSnapshot(
            instrument: Kalshi.instrument(ticker: ticker, side: side),
            bids: own.map { BookLevel(price: $0.key, size: $0.value) },
            asks: other.map { BookLevel(price: $0.key.complement, size: $0.value) },
            venueTimestamp: venueTimestamp, sequence: sequence, tickSize: tickSize)
    }
}
