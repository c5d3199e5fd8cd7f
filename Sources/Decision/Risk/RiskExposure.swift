import EdgewiseCore

/// Money committed to one instrument: shares that pay 1 each if their outcome wins, and what
/// they cost (a position's cost basis with fees, or a resting buy's limit × remaining size).
public struct RiskHolding: Hashable, Sendable {
    public var instrument: InstrumentID
    public var shares: Size
    public var cost: Amount

    public init(instrument: InstrumentID, shares: Size, cost: Amount) {
        self.instrument = instrument
        self.shares = shares
        self.cost = cost
    }
}

/// Exposure by underlying event, by venue and by category.
///
/// - A group's exposure is its worst-case loss: the cost of everything held or bid in the group
///   minus the least it can pay out over every outcome the catalog allows (never below zero).
///   A hedged basket (YES and NO of one contract, every outcome of a partition, the two sides of
///   an equivalent cross-venue pair) therefore counts for what it can actually lose, while a
///   one-sided bet counts for its whole cost.
/// - A venue's exposure is the gross cost committed there, hedged or not: a venue that fails or
///   freezes withdrawals takes all of it.
/// - A category's exposure is the sum of the exposures of the groups touching it.
public struct RiskExposure: Hashable, Sendable {
    public var groups: [ExposureGroupID: Amount]
    public var venues: [VenueID: Amount]
    public var categories: [String: Amount]

    public func group(_ id: ExposureGroupID) -> Amount { groups[id] ?? .zero }
    public func venue(_ id: VenueID) -> Amount { venues[id] ?? .zero }
    public func category(_ name: String) -> Amount { categories[name] ?? .zero }
}

/// Computes ``RiskExposure`` for holdings against one catalog.
public struct ExposureCalculator: Sendable {
    public let grouping: ExposureGrouping
    private let model: OutcomeModel
    private let index: CatalogIndex

    /// `instruments` are those that may appear in holdings (they need not all be in the catalog).
    public init(catalog: RiskCatalog, instruments: some Sequence<InstrumentID>) {
        let index = CatalogIndex(catalog)
        let all = Array(instruments)
        self.index = index
        self.grouping = ExposureGrouping(index: index, instruments: all)
        self.model = OutcomeModel(index: index, instruments: all)
    }

    public func category(of instrument: InstrumentID) -> String? { index.category(of: instrument) }

    public func exposure(of holdings: [RiskHolding]) -> RiskExposure {
        var byGroup: [ExposureGroupID: [RiskHolding]] = [:]
        var venues: [VenueID: Amount] = [:]
        var groupCategories: [ExposureGroupID: Set<String>] = [:]
        for holding in holdings where holding.shares.units > 0 || holding.cost.units != 0 {
            let group = grouping.group(of: holding.instrument)
            byGroup[group, default: []].append(holding)
            venues[holding.instrument.venue, default: .zero] += holding.cost
            if let category = index.category(of: holding.instrument) {
                groupCategories[group, default: []].insert(category)
            }
        }
        var groups: [ExposureGroupID: Amount] = [:]
        var categories: [String: Amount] = [:]
        for (group, members) in byGroup {
            let loss = worstCaseLoss(members)
            groups[group] = loss
            for category in groupCategories[group] ?? [] { categories[category, default: .zero] += loss }
        }
        return RiskExposure(groups: groups, venues: venues, categories: categories)
    }

    /// The value of holdings for the loss limits: per exposure group, the larger of what they
    /// would sell for now (`marks`, cost where unmarked) and the least they are certain to pay at
    /// settlement. A complete Dutch book is worth its payout even while every bid is a cent —
    /// marking it at the bids alone would let a guaranteed profit trip the daily-loss limit.
    public func value(of positions: [Position], marks: [InstrumentID: Price]) -> Amount {
        var byGroup: [ExposureGroupID: [Position]] = [:]
        for position in positions where !position.isFlat { byGroup[grouping.group(of: position.instrument), default: []].append(position) }
        var total = Amount.zero
        for members in byGroup.values {
            let marked = members.reduce(Amount.zero) { sum, position in
                sum + (marks[position.instrument].map { $0.cost(of: position.size) } ?? position.costBasis)
            }
            let certain = model.minimumPayout(members.map { ($0.instrument, $0.size) }) ?? .zero
            total += max(marked, certain)
        }
        return total
    }

    /// Cost minus the least payout, floored at zero; the whole cost when the payout is unknown.
    public func worstCaseLoss(_ holdings: [RiskHolding]) -> Amount {
        let cost = holdings.reduce(Amount.zero) { $0 + $1.cost }
        let payout = model.minimumPayout(holdings.map { ($0.instrument, $0.shares) }) ?? .zero
        let loss = cost - payout
        return loss.units > 0 ? loss : .zero
    }
}
