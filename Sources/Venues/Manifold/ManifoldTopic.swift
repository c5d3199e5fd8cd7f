/// A topic of Manifold's WebSocket. The ones this adapter decodes are named; any other topic
/// string can be subscribed to as well (its broadcasts arrive with no bets or contract decoded).
public struct ManifoldTopic: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.init(value) }

    /// Every new public bet on the venue.
    public static let globalNewBet = ManifoldTopic("global/new-bet")

    /// New bets on one market.
    public static func contractNewBet(_ contractId: String) -> ManifoldTopic { ManifoldTopic("contract/\(contractId)/new-bet") }

    /// Changes to one market (probability, pool, close time, resolution…), as partial contracts.
    public static func contract(_ contractId: String) -> ManifoldTopic { ManifoldTopic("contract/\(contractId)") }

    /// New and changed limit orders on one market.
    public static func contractOrders(_ contractId: String) -> ManifoldTopic { ManifoldTopic("contract/\(contractId)/orders") }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
