import EdgewiseCore

/// One real book and the part of its displayed size that the paper broker's own fills have
/// already taken.
///
/// Simulated fills never reach the venue, so the venue keeps displaying the size we "took". Left
/// alone, the next order would fill against that same size again. Each level therefore carries a
/// consumed amount, and the size available to us is `displayed − consumed`.
///
/// When the venue changes a level (a delta, or a snapshot that shows it differently), what we
/// took stays taken, clamped to the new displayed size: a level that grows offers only the growth
/// on top of what was left (new orders join behind), a level that shrinks below what we took
/// offers nothing until it grows again, and a level that disappears clears the record. This is
/// the conservative reading — it understates what is left when the orders we took are the ones
/// that later leave, but it never lets two of our orders fill against one displayed share, and a
/// snapshot repeating an unchanged level gives nothing back.
struct PaperLiquidity: Sendable {
    struct Level: Hashable, Sendable {
        var side: BookSide
        var price: Price
    }

    private(set) var book: OrderBook
    private(set) var consumed: [Level: Int64] = [:]

    init(instrument: InstrumentID) {
        book = OrderBook(instrument: instrument)
    }

    var isUsable: Bool { book.isSynchronized }

    /// The size we can still take (or that stands) at a level.
    func available(_ side: BookSide, _ price: Price) -> Int64 {
        max(0, book.size(at: price, side: side).units - (consumed[Level(side: side, price: price)] ?? 0))
    }

    /// Levels with size still available to us, best first.
    func availableLevels(_ side: BookSide) -> [BookLevel] {
        book.levels(side).compactMap { level in
            let size = available(side, level.price)
            return size > 0 ? BookLevel(price: level.price, size: Size(units: size)) : nil
        }
    }

    /// Marks `units` at a level as taken by a simulated fill.
    mutating func consume(_ side: BookSide, _ price: Price, _ units: Int64) {
        precondition(units >= 0 && units <= available(side, price), "consuming more than the level shows")
        consumed[Level(side: side, price: price), default: 0] += units
    }

    mutating func apply(_ snapshot: BookSnapshot, receivedAt: Timestamp) throws(OrderBookError) {
        try book.apply(snapshot, receivedAt: receivedAt)
        clampConsumed(Array(consumed.keys))
    }

    mutating func apply(_ delta: BookDelta, receivedAt: Timestamp) throws(OrderBookError) {
        defer { clampConsumed(delta.changes.map { Level(side: $0.side, price: $0.price) }) }
        try book.apply(delta, receivedAt: receivedAt)
    }

    mutating func setTick(_ tick: Price) { book.tickSize = tick }

    private mutating func clampConsumed(_ levels: [Level]) {
        for level in levels {
            guard let taken = consumed[level] else { continue }
            let kept = min(taken, book.size(at: level.price, side: level.side).units)
            consumed[level] = kept > 0 ? kept : nil
        }
    }
}
