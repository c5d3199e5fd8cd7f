import EdgewiseCore

/// The order journal as the user channel needs it. The requirements are exactly the Store's
/// methods of the same names (`EdgewiseStore` in EdgewiseStore), so the store conforms with an
/// empty extension wherever both modules are visible; this module cannot import the store.
///
/// Every write is a durable transaction, and the journal holds the order's truth: callers read
/// the order, apply one event and write it back, never keeping a copy across writes.
public protocol UserChannelJournal: Sendable {
    /// What ``update(order:after:recordedAt:)`` returns (the Store's journal entry); unused here.
    associatedtype UpdateReceipt
    /// What ``insert(fill:recordedAt:)`` returns (the Store's insertion result); unused here.
    associatedtype InsertReceipt

    func order(venue: VenueID, venueOrderID: VenueOrderID) throws -> Order?
    func ordersThatMayBeLive(venue: VenueID?) throws -> [Order]
    /// Writes `order` as it is after `event`, with the event in the order's history; a `.filled`
    /// event also stores the fill, idempotently by venue and fill id.
    func update(order: Order, after event: OrderEvent, recordedAt: Timestamp) throws -> UpdateReceipt
    func fill(venue: VenueID, id: FillID) throws -> Fill?
    /// Stores a fill without touching any order (an execution of an order the journal does not
    /// hold); idempotent by venue and fill id.
    func insert(fill: Fill, recordedAt: Timestamp) throws -> InsertReceipt
}
