/// Every item of a listing, gathered page by page. When the page cap stopped the walk early,
/// `remainingCursor` is where to continue; nil means the listing is complete.
public struct KalshiCollection<Item: Sendable>: Sendable {
    public var items: [Item]
    public var pages: Int
    public var remainingCursor: String?

    public var isComplete: Bool { remainingCursor == nil }
}
