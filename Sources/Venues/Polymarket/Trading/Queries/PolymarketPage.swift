import EdgewiseVenueKit

/// One page of a CLOB listing (`{limit, count, next_cursor, data}`). Cursors are opaque strings;
/// the first page is ``initialCursor`` and ``endCursor`` marks the last page.
public struct PolymarketPage<Element: Sendable>: Sendable {
    public static var initialCursor: String { "MA==" }
    public static var endCursor: String { "LTE=" }

    public var items: [Element]
    /// The cursor of the next page; ``endCursor`` after the last one.
    public var nextCursor: String

    public init(items: [Element], nextCursor: String) {
        self.items = items
        self.nextCursor = nextCursor
    }

    public var isLast: Bool { nextCursor == Self.endCursor || nextCursor.isEmpty }
}

/// A page as sent, before its elements are mapped (each is mapped on its own so that an error
/// names `data[i].field`).
struct WirePage<Wire: Decodable & Sendable>: Decodable, Sendable {
    var next_cursor: String?
    var data: [Wire]?
}
