/// The parameters of `GET /search-markets`. Values are passed through as text because the venue
/// adds sorts and filters over time (the API documentation lists the current ones: sort
/// `most-popular`, `newest`, `liquidity`, `close-date`, …; filter `all`, `open`, `closed`,
/// `resolved`, …; contractType `ALL`, `BINARY`, `MULTIPLE_CHOICE`, …). Pages with
/// ``limit``/``offset``.
public struct ManifoldSearchQuery: Sendable, Hashable {
    /// The search text; may be empty to filter only.
    public var term: String
    public var sort: String?
    public var filter: String?
    public var contractType: String?
    public var topicSlug: String?
    public var creatorId: String?
    public var limit: Int?
    public var offset: Int?

    public init(
        term: String = "", sort: String? = nil, filter: String? = nil, contractType: String? = nil,
        topicSlug: String? = nil, creatorId: String? = nil, limit: Int? = nil, offset: Int? = nil
    ) {
        self.term = term
        self.sort = sort
        self.filter = filter
        self.contractType = contractType
        self.topicSlug = topicSlug
        self.creatorId = creatorId
        self.limit = limit
        self.offset = offset
    }

    var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = [("term", term)]
        if let sort { items.append(("sort", sort)) }
        if let filter { items.append(("filter", filter)) }
        if let contractType { items.append(("contractType", contractType)) }
        if let topicSlug { items.append(("topicSlug", topicSlug)) }
        if let creatorId { items.append(("creatorId", creatorId)) }
        if let limit { items.append(("limit", String(limit))) }
        if let offset { items.append(("offset", String(offset))) }
        return items
    }
}
