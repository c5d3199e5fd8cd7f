import EdgewiseCore

/// Applies Polymarket `price_change` frames straight from the WebSocket bytes to a
/// ``PolymarketBookSet``, without materializing strings, arrays or `Codable` values: the one
/// message that arrives thousands of times a second costs no heap allocation.
///
/// It agrees with the general decoder (`MarketChannelMessage`) on every frame — a test holds them
/// side by side — and declines every other frame (`.notPriceChange`) so the caller falls back to it.
public struct PriceChangeFastPath: Sendable {
    /// What one frame did.
    public struct Outcome: Equatable, Sendable {
        public var handled: Bool
        public var changesApplied: Int
        /// Changes for tokens that have no book here (not subscribed).
        public var unknownAssets: Int
        /// Slots whose book disagreed with the venue's reported best prices, or crossed, after a
        /// change, or that had no snapshot to apply the change to: they are unsynchronized and
        /// need a REST resync.
        public var inconsistentSlots: SlotList
        /// The part of ``inconsistentSlots`` whose books were already waiting for a snapshot.
        public var awaitingSnapshot = SlotList()
        /// Slots whose changes were older than the snapshot their book was rebuilt from, and were
        /// therefore not applied (see ``PolymarketBookSet/apply(_:receivedAt:)``).
        public var staleSlots = SlotList()

        public init(handled: Bool, changesApplied: Int, unknownAssets: Int, inconsistentSlots: SlotList) {
            self.handled = handled
            self.changesApplied = changesApplied
            self.unknownAssets = unknownAssets
            self.inconsistentSlots = inconsistentSlots
        }

        public static let notPriceChange = Outcome(handled: false, changesApplied: 0, unknownAssets: 0, inconsistentSlots: SlotList())
    }

    /// A tiny fixed-capacity list, so reporting inconsistent books does not allocate.
    public struct SlotList: Equatable, Sendable, Sequence {
        private var storage: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
        public private(set) var count = 0
        /// More slots than fit were inconsistent: resync every book that is unsynchronized.
        public private(set) var overflowed = false

        public init() {}

        mutating func append(_ slot: Int) {
            if contains(slot) { return }
            guard count < 8 else {
                overflowed = true
                return
            }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: slot, toByteOffset: count * MemoryLayout<Int>.stride, as: Int.self) }
            count += 1
        }

        public var isEmpty: Bool { count == 0 && !overflowed }

        public subscript(position: Int) -> Int {
            precondition(position >= 0 && position < count, "slot list index out of range")
            return withUnsafeBytes(of: storage) { $0.load(fromByteOffset: position * MemoryLayout<Int>.stride, as: Int.self) }
        }

        public struct Iterator: IteratorProtocol {
            let list: SlotList
            var position = 0
            public mutating func next() -> Int? {
                guard position < list.count else { return nil }
                defer { position += 1 }
                return list[position]
            }
        }

        public func makeIterator() -> Iterator { Iterator(list: self) }

        func contains(_ slot: Int) -> Bool {
            var position = 0
            while position < count {
                if self[position] == slot { return true }
                position += 1
            }
            return false
        }

        public static func == (lhs: SlotList, rhs: SlotList) -> Bool {
            lhs.count == rhs.count && lhs.overflowed == rhs.overflowed && Array(lhs) == Array(rhs)
        }
    }

    public enum FrameError: Error, Equatable, Sendable, CustomStringConvertible {
        case malformed(offset: Int)
        case invalidNumber(offset: Int)
        case invalidSide(offset: Int)

        public var description: String {
            switch self {
            case .malformed(let offset): "price_change frame is not valid JSON near byte \(offset); frame skipped"
            case .invalidNumber(let offset): "price_change frame has a price or size that is not a plain decimal near byte \(offset); book marked for resync"
            case .invalidSide(let offset): "price_change frame has a side other than BUY/SELL near byte \(offset); book marked for resync"
            }
        }
    }

    public init() {}

    /// Applies one frame. Changes before a malformed part stay applied and the affected book is
    /// invalidated, so a half-applied frame can never leave a book that claims to be in sync.
    public func apply(
        _ frame: UnsafeBufferPointer<UInt8>, to books: inout PolymarketBookSet, receivedAt: Timestamp
    ) throws(FrameError) -> Outcome {
        var outcome = Outcome(handled: false, changesApplied: 0, unknownAssets: 0, inconsistentSlots: SlotList())
        var touched = SlotList()
        // A book rebuilt from a snapshot must skip changes older than it, and the frame's
        // timestamp usually comes after its changes: read the frame once without applying
        // anything first. This also rejects a malformed frame before it touches any book. With
        // no gate open (the steady state) the frame is read only once.
        var frameTime: Timestamp?
        if books.openGates > 0 {
            guard let header = try PriceChangeFrameScanner.scan(frame, { (_, _) throws(FrameError) in }) else { return .notPriceChange }
            frameTime = header.timestamp
        }
        let scanned: PriceChangeFrameScanner.Frame?
        do {
            scanned = try PriceChangeFrameScanner.scan(frame) { (scanner, entry) throws(FrameError) in
                try apply(entry, scanner, &books, &outcome, &touched, receivedAt, frameTime)
            }
        } catch {
            // Whatever the rest of the frame held is lost: no touched book may claim to be in sync.
            if touched.overflowed {
                for slot in books.books.indices { books.invalidate(slot: slot) }
            } else {
                for slot in touched { books.invalidate(slot: slot) }
            }
            for slot in books.pendingReports.indices { books.pendingReports[slot] = (nil, nil) }
            throw error
        }
        guard let scanned else { return .notPriceChange }
        outcome.handled = true
        if touched.overflowed {
            for slot in books.books.indices { finish(slot, &books, &outcome, scanned.timestamp) }
        } else {
            for slot in touched { finish(slot, &books, &outcome, scanned.timestamp) }
        }
        return outcome
    }

    /// Checks a book once against the last best prices the frame reported for it: intermediate
    /// states inside a batch may legitimately cross.
    private func finish(_ slot: Int, _ books: inout PolymarketBookSet, _ outcome: inout Outcome, _ timestamp: Timestamp?) {
        let reported = books.pendingReports[slot]
        books.pendingReports[slot] = (nil, nil)
        books.books[slot].markUpdated(venueTimestamp: timestamp, receivedAt: nil)
        guard books.books[slot].isSynchronized else { return }
        do {
            try books.books[slot].verify(reportedBestBid: reported.bid, reportedBestAsk: reported.ask)
        } catch {
            outcome.inconsistentSlots.append(slot)
        }
    }

    private func apply(
        _ entry: PriceChangeFrameScanner.Entry, _ scanner: JSONByteScanner, _ books: inout PolymarketBookSet,
        _ outcome: inout Outcome, _ touched: inout SlotList, _ receivedAt: Timestamp, _ frameTime: Timestamp?
    ) throws(FrameError) {
        guard let slot = books.slot(forTokenBytes: scanner.slice(entry.asset)) else {
            outcome.unknownAssets += 1
            return
        }
        if books.books[slot].isSynchronized, let gate = books.snapshotGate(slot: slot) {
            if let frameTime, frameTime < gate {
                outcome.staleSlots.append(slot)
                _ = try entry.parse(scanner)
                return
            }
            if frameTime != nil { books.passGate(slot: slot) }
        }
        touched.append(slot)
        books.books[slot].markUpdated(venueTimestamp: nil, receivedAt: receivedAt)
        let change = try entry.parse(scanner)
        guard books.books[slot].isSynchronized else {
            // Waiting for a snapshot: applying to a stale book would only hide the gap.
            outcome.inconsistentSlots.append(slot)
            outcome.awaitingSnapshot.append(slot)
            return
        }
        if let size = change.size {
            books.books[slot].set(change.side, change.price, size)
            outcome.changesApplied += 1
        }
        if let bid = change.reportedBestBid { books.pendingReports[slot].bid = .some(bid) }
        if let ask = change.reportedBestAsk { books.pendingReports[slot].ask = .some(ask) }
    }
}
