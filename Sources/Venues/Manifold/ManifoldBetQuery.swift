/// The parameters of `GET /bets`: newest first by default, paged with ``before`` (the id of the
/// last bet of the previous page), at most 1000 per page. ``openLimitOrdersOnly`` sends
/// `kinds=open-limit`: unfilled, uncancelled limit orders (the venue includes ones on closed and
/// resolved markets, and may still list an expired one until it sweeps it).
public struct ManifoldBetQuery: Sendable, Hashable {
    public var userId: String?
    public var username: String?
    public var contractId: String?
    public var contractSlug: String?
    public var answerId: String?
    public var limit: Int?
    public var before: String?
    public var after: String?
    public var openLimitOrdersOnly: Bool
    public var order: ManifoldSortOrder?

    public init(
        userId: String? = nil, username: String? = nil, contractId: String? = nil, contractSlug: String? = nil,
        answerId: String? = nil, limit: Int? = nil, before: String? = nil, after: String? = nil,
        openLimitOrdersOnly: Bool = false, order: ManifoldSortOrder? = nil
    ) {
        self.userId = userId
        self.username = username
        self.contractId = contractId
        self.contractSlug = contractSlug
        self.answerId = answerId
        self.limit = limit
        self.before = before
        self.after = after
        self.openLimitOrdersOnly = openLimitOrdersOnly
        self.order = order
    }

    /// The venue's largest page.
    public static let maximumLimit = 1000

    var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let userId { items.append(("userId", userId)) }
        if let username { items.append(("username", username)) }
        if let contractId { items.append(("contractId", contractId)) }
        if let contractSlug { items.append(("contractSlug", contractSlug)) }
        if let answerId { items.append(("answerId", answerId)) }
        if let limit { items.append(("limit", String(limit))) }
        if let before { items.append(("before", before)) }
        if let after { items.append(("after", after)) }
        if openLimitOrdersOnly { items.append(("kinds", "open-limit")) }
        if let order { items.append(("order", order.rawValue)) }
        return items
    }
}
