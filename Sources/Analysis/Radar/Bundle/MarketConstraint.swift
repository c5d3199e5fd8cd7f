import EdgewiseCore

/// A logical relation between the YES outcomes of related markets, stated as the joint outcomes
/// it allows. Every constraint is a small relation — a ladder of n markets allows n + 1 joint
/// outcomes, an implication 3, a partition n — so it is stored explicitly: the bundle optimizer
/// needs the list anyway, and an explicit list cannot be misread.
public struct MarketConstraint: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Same quantity, unit and date, thresholds on one side: "above 110k" implies "above 100k".
        case thresholdLadder = "threshold_ladder"
        /// Same proposition, "by" different dates: "by June" implies "by December".
        case dateLadder = "date_ladder"
        /// One market's YES implies another's.
        case implication
        /// Exactly one member resolves YES (ranges that tile the line, a declared partition).
        case partition
        /// At most one member resolves YES (disjoint ranges with gaps: not a partition).
        case mutuallyExclusive = "mutually_exclusive"
        /// Ranges on one quantity that neither nest nor tile (a mixed family); the joint outcomes
        /// are the pieces of the line their endpoints cut.
        case rangeFamily = "range_family"
    }

    /// One market of the constraint and how to name it in evidence.
    public struct Member: Hashable, Sendable {
        public var market: VenueMarketKey
        /// A short label ("above 110k", "by June 30").
        public var label: String

        public init(_ market: VenueMarketKey, label: String) {
            self.market = market
            self.label = label
        }
    }

    public let kind: Kind
    public let members: [Member]
    /// The allowed joint outcomes: `states[s][m]` says whether member `m` resolves YES in state `s`.
    public let states: [[Bool]]
    /// Why the relation holds, in words for evidence ("'above 110k' implies 'above 100k'").
    public let reason: String

    /// Builds a constraint from its allowed joint outcomes.
    public init(kind: Kind, members: [Member], states: [[Bool]], reason: String) {
        precondition(members.count >= 2, "a constraint relates at least two markets")
        precondition(Set(members.map(\.market)).count == members.count, "a market appears once in a constraint")
        precondition(!states.isEmpty && states.allSatisfy { $0.count == members.count }, "one flag per member per state")
        var unique: [[Bool]] = []
        for state in states where !unique.contains(state) { unique.append(state) }
        self.kind = kind
        self.members = members
        self.states = unique
        self.reason = reason
    }

    /// A chain of implications, weakest first: YES of each later member implies YES of every
    /// earlier one (ascending "above" thresholds, dates of "by" questions from latest to
    /// earliest). Allows n + 1 outcomes: the first k members YES, the rest NO.
    public static func chain(_ kind: Kind, weakestFirst members: [Member], reason: String? = nil) -> MarketConstraint {
        let states = (0...members.count).map { yesCount in members.indices.map { $0 < yesCount } }
        let words = zip(members.dropFirst(), members).map { "'\($0.label)' implies '\($1.label)'" }
        return MarketConstraint(kind: kind, members: members, states: states, reason: reason ?? words.joined(separator: "; "))
    }

    /// `antecedent` YES implies `consequent` YES.
    public static func implication(_ antecedent: Member, implies consequent: Member, reason: String? = nil) -> MarketConstraint {
        chain(.implication, weakestFirst: [consequent, antecedent], reason: reason)
    }

    /// Exactly one member resolves YES.
    public static func partition(_ members: [Member], reason: String) -> MarketConstraint {
        let states = members.indices.map { yes in members.indices.map { $0 == yes } }
        return MarketConstraint(kind: .partition, members: members, states: states, reason: reason)
    }

    /// At most one member resolves YES.
    public static func mutuallyExclusive(_ members: [Member], reason: String) -> MarketConstraint {
        let none = [Bool](repeating: false, count: members.count)
        let states = [none] + members.indices.map { yes in members.indices.map { $0 == yes } }
        return MarketConstraint(kind: .mutuallyExclusive, members: members, states: states, reason: reason)
    }

    /// A stable key for the constraint (the opportunity's group): the kind and the markets,
    /// sorted, so re-detection in another order gives the same key.
    public var key: String {
        "bundle:\(kind.rawValue):" + members.map(\.market.description).sorted().joined(separator: ",")
    }

    public var description: String { "\(kind.rawValue)(\(members.map(\.label).joined(separator: ", ")))" }

    public func label(of market: VenueMarketKey) -> String? {
        members.first { $0.market == market }?.label
    }
}
