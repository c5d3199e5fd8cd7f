import EdgewiseCore

/// The offers one basket leg can buy from, cheapest first, read in place from an order book's
/// side.
///
/// An order book keeps each side best-last; copying it reversed (and complemented, for a NO
/// priced off YES bids) on every evaluation cost an allocation per leg on the radar's hot path.
/// The ladder shares the book's storage instead (copy-on-write: the book's next update copies
/// nothing as long as the ladder is gone by then, which it is — legs live for one evaluation)
/// and maps indices and prices on the fly.
public struct OfferLadder: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    private let levels: ContiguousArray<BookLevel>
    /// Whether `levels` holds the best offer last (a book's storage order).
    private let bestLast: Bool
    /// Whether each offer is `1 − price` of a stored level (a NO bought against a YES bid).
    private let complemented: Bool

    /// Offers given cheapest first.
    public init(_ cheapestFirst: some Sequence<BookLevel>) {
        self.levels = ContiguousArray(cheapestFirst)
        self.bestLast = false
        self.complemented = false
    }

    public init(arrayLiteral elements: BookLevel...) {
        self.init(elements)
    }

    /// The asks of `book`: what buying its own outcome can take.
    public init(asksOf book: OrderBook) {
        self.levels = book.asks
        self.bestLast = true
        self.complemented = false
    }

    /// `1 − bid` at each bid's size: what buying the complementary outcome can take on a venue
    /// that matches a NO buy against a YES bid.
    public init(complementOfBidsOf book: OrderBook) {
        self.levels = book.bids
        self.bestLast = true
        self.complemented = true
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { levels.count }

    @inline(__always)
    public subscript(position: Int) -> BookLevel {
        let level = levels[bestLast ? levels.count - 1 - position : position]
        return complemented ? BookLevel(price: level.price.complement, size: level.size) : level
    }
}

extension OfferLadder: Equatable {
    /// The same offers in the same order, however they are stored.
    public static func == (lhs: OfferLadder, rhs: OfferLadder) -> Bool { lhs.elementsEqual(rhs) }
}
