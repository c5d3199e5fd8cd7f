import EdgewiseCore

/// The order books of a set of Polymarket tokens, addressable by the raw bytes of a token id so
/// that a WebSocket frame can be applied without building a `String` for every asset id.
///
/// Token ids are 77–78 digit decimals; the index is an FNV-1a hash of those digits, and every hit
/// is confirmed byte for byte, so a hash collision can never route an update to the wrong book.
public struct PolymarketBookSet: Sendable {
    public internal(set) var books: ContiguousArray<OrderBook>
    private var tokenBytes: ContiguousArray<[UInt8]>
    /// The best prices the venue reported for each book within the frame being applied; checked
    /// once at the end of the frame, as `OrderBook.apply(_: BookDelta)` does for a batch.
    var pendingReports: ContiguousArray<(bid: Price??, ask: Price??)>
    /// The venue time of the snapshot each book was rebuilt from, while changes older than it may
    /// still arrive (they were queued while the snapshot was fetched); see ``openGates``.
    var snapshotGates: ContiguousArray<Timestamp?>
    /// How many books still have a snapshot gate. While none has, a frame is applied in one pass;
    /// otherwise its timestamp (often its last key) must be known before any change is applied.
    private(set) var openGates: Int
    private var index: [UInt64: [Int]]

    public init() {
        books = []
        tokenBytes = []
        pendingReports = []
        snapshotGates = []
        openGates = 0
        index = [:]
    }

    public var tokens: [TokenID] { books.map(\.instrument.token) }

    /// Adds an (empty, unsynchronized) book for `token` if it is not there yet; returns its slot.
    @discardableResult
    public mutating func add(_ token: TokenID, levelCapacity: Int = 64) -> Int {
        let digits = Array(token.rawValue.utf8)
        if let slot = slot(forTokenBytes: digits) { return slot }
        let slot = books.count
        books.append(OrderBook(instrument: InstrumentID(venue: .polymarket, token: token), levelCapacity: levelCapacity))
        tokenBytes.append(digits)
        pendingReports.append((nil, nil))
        snapshotGates.append(nil)
        index[Self.hash(digits), default: []].append(slot)
        return slot
    }

    /// Drops the book of `token`. Slots after it move down by one, so slot numbers taken before
    /// a removal must not be used after it.
    public mutating func remove(_ token: TokenID) {
        guard let slot = slot(for: token) else { return }
        setGate(nil, slot: slot)
        books.remove(at: slot)
        tokenBytes.remove(at: slot)
        pendingReports.remove(at: slot)
        snapshotGates.remove(at: slot)
        index = [:]
        for (position, digits) in tokenBytes.enumerated() { index[Self.hash(digits), default: []].append(position) }
    }

    public func slot(for token: TokenID) -> Int? { slot(forTokenBytes: Array(token.rawValue.utf8)) }

    public func book(for token: TokenID) -> OrderBook? { slot(for: token).map { books[$0] } }

    /// Replaces a book from a snapshot (adding the token if needed). Until a change at least as
    /// new as the snapshot arrives, older changes for this book are skipped as stale: the
    /// snapshot already contains them, and re-applying an absolute level size from before it
    /// would overwrite a newer size with an older one.
    public mutating func apply(_ snapshot: BookSnapshot, receivedAt: Timestamp?) throws(OrderBookError) {
        let slot = add(snapshot.instrument.token)
        try books[slot].apply(snapshot, receivedAt: receivedAt)
        setGate(snapshot.venueTimestamp, slot: slot)
    }

    /// The venue time of the snapshot that still gates changes to the book in `slot`, if any.
    public func snapshotGate(slot: Int) -> Timestamp? { snapshotGates[slot] }

    /// Lifts the gate of `slot` once a change as new as its snapshot has been applied: the
    /// market channel delivers in venue order, so nothing older can follow it.
    mutating func passGate(slot: Int) { setGate(nil, slot: slot) }

    private mutating func setGate(_ gate: Timestamp?, slot: Int) {
        if snapshotGates[slot] != nil { openGates -= 1 }
        if gate != nil { openGates += 1 }
        snapshotGates[slot] = gate
    }

    public mutating func invalidate(slot: Int) { books[slot].invalidate() }

    func slot(forTokenBytes digits: [UInt8]) -> Int? {
        digits.withUnsafeBufferPointer { slot(forTokenBytes: $0) }
    }

    /// The slot of the token whose id is exactly `digits`.
    public func slot(forTokenBytes digits: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let candidates = index[Self.hash(digits)] else { return nil }
        for candidate in candidates where tokenBytes[candidate].elementsEqual(digits) {
            return candidate
        }
        return nil
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { hash($0) } }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return value
    }
}
