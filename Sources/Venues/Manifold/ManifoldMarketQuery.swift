/// The parameters of `GET /markets`: newest first by default, paged with ``before`` (the id of
/// the last market of the previous page), at most 1000 per page.
public struct ManifoldMarketQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, Hashable {
        case createdTime = "created-time"
        case updatedTime = "updated-time"
        case lastBetTime = "last-bet-time"
        case lastCommentTime = "last-comment-time"
    }

    public var limit: Int?
    public var sort: Sort?
    public var order: ManifoldSortOrder?
    /// The id of the market after which this page starts.
    public var before: String?
    /// Only markets created by this user.
    public var userId: String?
    /// Only markets tagged with this topic.
    public var groupId: String?

    public init(
        limit: Int? = nil, sort: Sort? = nil, order: ManifoldSortOrder? = nil, before: String? = nil,
        userId: String? = nil, groupId: String? = nil
    ) {
        self.limit = limit
        self.sort = sort
        self.order = order
        self.before = before
        self.userId = userId
        self.groupId = groupId
    }

    /// The venue's largest page.
    public static let maximumLimit = 1000

    var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let limit { items.append(("limit", String(limit))) }
        if let sort { items.append(("sort", sort.rawValue)) }
        if let order { items.append(("order", order.rawValue)) }
        if let before { items.append(("before", before)) }
        if let userId { items.append(("userId", userId)) }
        if let groupId { items.append(("groupId", groupId)) }
        return items
    }
}

/// `asc` or `desc`, for the listings that accept an `order`.
public enum ManifoldSortOrder: String, Sendable, Hashable {
    case ascending = "asc"
    case descending = "desc"
}
