/// A full picture of one instrument's book, as a venue sends it on subscribe or on request.
public struct BookSnapshot: Hashable, Codable, Sendable {
    public var instrument: InstrumentID
    /// Any order; the book sorts them.
    public var bids: [BookLevel]
    public var asks: [BookLevel]
    public var venueTimestamp: Timestamp?
    /// The venue's sequence number for this snapshot, where it has one (Kalshi `seq`).
    public var sequence: UInt64?
    /// The venue's hash of the book, where it sends one (Polymarket).
    public var hash: String?
    public var tickSize: Price?

    public init(
        instrument: InstrumentID, bids: [BookLevel], asks: [BookLevel], venueTimestamp: Timestamp? = nil,
        sequence: UInt64? = nil, hash: String? = nil, tickSize: Price? = nil
    ) {
        self.instrument = instrument
        self.bids = bids
        self.asks = asks
        self.venueTimestamp = venueTimestamp
        self.sequence = sequence
        self.hash = hash
        self.tickSize = tickSize
    }
}

/// A change of one price level.
public struct BookChange: Hashable, Codable, Sendable {
    public enum Update: Hashable, Codable, Sendable {
        /// The new total size at the price; zero removes the level (Polymarket).
        case set(Size)
        /// A signed change of the size at the price, in millionths (Kalshi `delta_fp`).
        case add(Int64)
    }

    public var side: BookSide
    public var price: Price
    public var update: Update

    public init(side: BookSide, price: Price, update: Update) {
        self.side = side
        self.price = price
        self.update = update
    }

    public static func set(_ side: BookSide, _ price: Price, _ size: Size) -> BookChange {
        BookChange(side: side, price: price, update: .set(size))
    }
}

/// A batch of level changes for one instrument, with what the venue says the book should look
/// like afterwards so that a missed message is noticed.
public struct BookDelta: Hashable, Codable, Sendable {
    public var instrument: InstrumentID
    public var changes: [BookChange]
    public var venueTimestamp: Timestamp?
    /// Must be exactly one more than the book's sequence when both are present.
    public var sequence: UInt64?
    public var hash: String?
    /// The best bid and ask the venue reports after this change (Polymarket `best_bid`/`best_ask`).
    /// `.some(nil)` means the venue says the side is empty.
    public var reportedBestBid: Price??
    public var reportedBestAsk: Price??

    public init(
        instrument: InstrumentID, changes: [BookChange], venueTimestamp: Timestamp? = nil,
        sequence: UInt64? = nil, hash: String? = nil, reportedBestBid: Price?? = nil,
        reportedBestAsk: Price?? = nil
    ) {
        self.instrument = instrument
        self.changes = changes
        self.venueTimestamp = venueTimestamp
        self.sequence = sequence
        self.hash = hash
        self.reportedBestBid = reportedBestBid
        self.reportedBestAsk = reportedBestAsk
    }
}

/// Why a book can no longer be trusted and must be rebuilt from a fresh snapshot.
public enum OrderBookError: Error, Hashable, Sendable, CustomStringConvertible {
    case sequenceGap(instrument: InstrumentID, expected: UInt64, received: UInt64)
    case bestPriceMismatch(instrument: InstrumentID, side: BookSide, book: Price?, venue: Price?)
    case crossed(instrument: InstrumentID, bid: Price, ask: Price)
    case wrongInstrument(book: InstrumentID, update: InstrumentID)
    case negativeLevel(instrument: InstrumentID, side: BookSide, price: Price)
    case noSnapshot(instrument: InstrumentID)

    public var description: String {
        switch self {
        case .sequenceGap(let i, let expected, let received):
            "\(i): sequence gap (expected \(expected), received \(received)); resync from a fresh snapshot"
        case .bestPriceMismatch(let i, let side, let book, let venue):
            "\(i): best \(side.rawValue) is \(book?.description ?? "none") here but \(venue?.description ?? "none") at the venue; a message was missed, resync"
        case .crossed(let i, let bid, let ask):
            "\(i): book is crossed (bid \(bid) ≥ ask \(ask)); resync before trading on it"
        case .wrongInstrument(let book, let update):
            "update for \(update) applied to the book of \(book)"
        case .negativeLevel(let i, let side, let price):
            "\(i): a delta took the \(side.rawValue) level at \(price) below zero; resync"
        case .noSnapshot(let i):
            "\(i): update before any snapshot; waiting for a snapshot"
        }
    }
}

extension BookDelta {
    enum CodingKeys: String, CodingKey {
        case instrument, changes, venueTimestamp, sequence, hash, reportedBestBid, reportedBestAsk
    }

    /// Written for "the venue says this side is empty", which a plain optional would lose.
    static let emptySide = "empty"

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        instrument = try container.decode(InstrumentID.self, forKey: .instrument)
        changes = try container.decode([BookChange].self, forKey: .changes)
        venueTimestamp = try container.decodeIfPresent(Timestamp.self, forKey: .venueTimestamp)
        sequence = try container.decodeIfPresent(UInt64.self, forKey: .sequence)
        hash = try container.decodeIfPresent(String.self, forKey: .hash)
        reportedBestBid = try Self.decodeReported(container, .reportedBestBid)
        reportedBestAsk = try Self.decodeReported(container, .reportedBestAsk)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(instrument, forKey: .instrument)
        try container.encode(changes, forKey: .changes)
        try container.encodeIfPresent(venueTimestamp, forKey: .venueTimestamp)
        try container.encodeIfPresent(sequence, forKey: .sequence)
        try container.encodeIfPresent(hash, forKey: .hash)
        try Self.encodeReported(reportedBestBid, &container, .reportedBestBid)
        try Self.encodeReported(reportedBestAsk, &container, .reportedBestAsk)
    }

    private static func decodeReported(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Price?? {
        guard container.contains(key) else { return nil }
        if let text = try? container.decode(String.self, forKey: key), text == emptySide { return .some(nil) }
        return .some(try container.decode(Price.self, forKey: key))
    }

    private static func encodeReported(_ value: Price??, _ container: inout KeyedEncodingContainer<CodingKeys>, _ key: CodingKeys) throws {
        switch value {
        case .none: break
        case .some(.none): try container.encode(emptySide, forKey: key)
        case .some(.some(let price)): try container.encode(price, forKey: key)
        }
    }
}
