/// Filters for Gamma's `/markets` and `/events` lists. Unset fields are not sent; list fields
/// repeat their key once per value, as Gamma expects.
public struct GammaQuery: Sendable, Hashable {
    public var limit: Int?
    public var offset: Int?
    /// The field to sort by (`volume24hr`, `endDate`, `id`…).
    public var order: String?
    public var ascending: Bool?
    public var active: Bool?
    public var closed: Bool?
    public var archived: Bool?
    public var tagID: String?
    public var ids: [String]
    public var slugs: [String]
    public var conditionIDs: [String]
    public var clobTokenIDs: [String]
    /// Anything else Gamma accepts (`start_date_min`, `liquidity_num_min`…), sent as given.
    public var extra: [(name: String, value: String)]

    public init(
        limit: Int? = nil, offset: Int? = nil, order: String? = nil, ascending: Bool? = nil, active: Bool? = nil,
        closed: Bool? = nil, archived: Bool? = nil, tagID: String? = nil, ids: [String] = [], slugs: [String] = [],
        conditionIDs: [String] = [], clobTokenIDs: [String] = [], extra: [(name: String, value: String)] = []
    ) {
        self.limit = limit
        self.offset = offset
        self.order = order
        self.ascending = ascending
        self.active = active
        self.closed = closed
        self.archived = archived
        self.tagID = tagID
        self.ids = ids
        self.slugs = slugs
        self.conditionIDs = conditionIDs
        self.clobTokenIDs = clobTokenIDs
        self.extra = extra
    }

    public var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let limit { items.append(("limit", String(limit))) }
        if let offset { items.append(("offset", String(offset))) }
        if let order { items.append(("order", order)) }
        if let ascending { items.append(("ascending", String(ascending))) }
        if let active { items.append(("active", String(active))) }
        if let closed { items.append(("closed", String(closed))) }
        if let archived { items.append(("archived", String(archived))) }
        if let tagID { items.append(("tag_id", tagID)) }
        items += ids.map { ("id", $0) }
        items += slugs.map { ("slug", $0) }
        items += conditionIDs.map { ("condition_ids", $0) }
        items += clobTokenIDs.map { ("clob_token_ids", $0) }
        items += extra
        return items
    }

    public static func == (lhs: GammaQuery, rhs: GammaQuery) -> Bool {
        lhs.queryItems.map { "\($0.name)=\($0.value)" } == rhs.queryItems.map { "\($0.name)=\($0.value)" }
    }

    public func hash(into hasher: inout Hasher) {
        for item in queryItems {
            hasher.combine(item.name)
            hasher.combine(item.value)
        }
    }
}
