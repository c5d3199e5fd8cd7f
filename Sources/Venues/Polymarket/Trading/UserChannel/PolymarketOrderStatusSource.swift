import EdgewiseCore

/// What the venue says about our orders and trades right now, for repairing what the user
/// channel missed while it was down. The REST trading client conforms with `GET /data/orders`,
/// `GET /data/trades` and `GET /data/order/{id}`, whose objects decode as
/// ``PolymarketUserOrder`` and ``PolymarketUserTrade``.
public protocol PolymarketOrderStatusSource: Sendable {
    /// Our orders resting on the book (all pages).
    func openOrders() async throws -> [PolymarketUserOrder]
    /// Our trades that matched or changed at or after `after` (all pages), in any settlement state.
    func trades(after: Timestamp) async throws -> [PolymarketUserTrade]
    /// One order in whatever state the venue holds it; nil when the venue does not know the id.
    func order(_ id: VenueOrderID) async throws -> PolymarketUserOrder?
}
