/// A user (`GET /me`, `GET /user/{username}`, `GET /user/by-id/{id}`).
public struct ManifoldUser: Sendable, Hashable, Decodable, Identifiable {
    public var id: String
    public var createdTime: Int64?
    public var name: String?
    public var username: String?
    public var url: String?
    public var avatarUrl: String?
    public var bio: String?
    /// Mana on hand.
    public var balance: Double?
    public var cashBalance: Double?
    public var totalDeposits: Double?
    public var isBot: Bool?
    public var isAdmin: Bool?
    public var isTrustworthy: Bool?
    public var isBannedFromPosting: Bool?
    public var userDeleted: Bool?

    public init(id: String, username: String? = nil, balance: Double? = nil) {
        self.id = id
        self.username = username
        self.balance = balance
    }
}
