import EdgewiseCore

/// The limits the risk engine enforces. Fractions are of the current capital (equity) unless
/// said otherwise; every field has a default so a configuration file only lists what it changes.
public struct RiskLimits: Hashable, Codable, Sendable {
    /// Worst-case loss on one underlying event (grouped across venues and outcomes).
    public var perEvent: RiskCap
    /// Notional of one buy order.
    public var perOrder: RiskCap
    /// Money committed on one venue (cost of positions and resting buys, hedged or not: a venue
    /// that fails takes all of it).
    public var perVenue: RiskCap
    /// Worst-case loss summed over the events of one category.
    public var perCategory: RiskCap
    /// Per-venue caps that replace ``perVenue`` (keyed by venue id).
    public var venueOverrides: [String: RiskCap]
    /// Per-category caps that replace ``perCategory``.
    public var categoryOverrides: [String: RiskCap]
    /// Loss since the start of the UTC day, as a share of the start-of-day equity, that trips the
    /// kill switch.
    public var dailyLoss: RiskCap
    /// Fall from the peak equity, as a share of the peak, that trips the kill switch.
    public var maxDrawdown: RiskCap
    /// The oldest book an order may be priced from, in milliseconds.
    public var maxBookAgeMilliseconds: Int64
    /// Risk-off: only arbitrage legs and orders that reduce a position may go out.
    public var riskOff: Bool

    public init(
        perEvent: RiskCap = .fraction(basisPoints: 1_500), perOrder: RiskCap = .fraction(basisPoints: 500),
        perVenue: RiskCap = .fraction(basisPoints: 6_000), perCategory: RiskCap = .fraction(basisPoints: 4_000),
        venueOverrides: [String: RiskCap] = [:], categoryOverrides: [String: RiskCap] = [:],
        dailyLoss: RiskCap = .fraction(basisPoints: 500), maxDrawdown: RiskCap = .fraction(basisPoints: 1_500),
        maxBookAgeMilliseconds: Int64 = 5_000, riskOff: Bool = false
    ) {
        self.perEvent = perEvent
        self.perOrder = perOrder
        self.perVenue = perVenue
        self.perCategory = perCategory
        self.venueOverrides = venueOverrides
        self.categoryOverrides = categoryOverrides
        self.dailyLoss = dailyLoss
        self.maxDrawdown = maxDrawdown
        self.maxBookAgeMilliseconds = maxBookAgeMilliseconds
        self.riskOff = riskOff
    }

    public static let standard = RiskLimits()

    public func venueCap(_ venue: VenueID) -> RiskCap { venueOverrides[venue.rawValue] ?? perVenue }
    public func categoryCap(_ category: String) -> RiskCap { categoryOverrides[category] ?? perCategory }

    /// Decodes with every missing field at its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RiskLimits()
        perEvent = try c.decodeIfPresent(RiskCap.self, forKey: .perEvent) ?? d.perEvent
        perOrder = try c.decodeIfPresent(RiskCap.self, forKey: .perOrder) ?? d.perOrder
        perVenue = try c.decodeIfPresent(RiskCap.self, forKey: .perVenue) ?? d.perVenue
        perCategory = try c.decodeIfPresent(RiskCap.self, forKey: .perCategory) ?? d.perCategory
        venueOverrides = try c.decodeIfPresent([String: RiskCap].self, forKey: .venueOverrides) ?? [:]
        categoryOverrides = try c.decodeIfPresent([String: RiskCap].self, forKey: .categoryOverrides) ?? [:]
        dailyLoss = try c.decodeIfPresent(RiskCap.self, forKey: .dailyLoss) ?? d.dailyLoss
        maxDrawdown = try c.decodeIfPresent(RiskCap.self, forKey: .maxDrawdown) ?? d.maxDrawdown
        maxBookAgeMilliseconds = try c.decodeIfPresent(Int64.self, forKey: .maxBookAgeMilliseconds) ?? d.maxBookAgeMilliseconds
        riskOff = try c.decodeIfPresent(Bool.self, forKey: .riskOff) ?? d.riskOff
    }
}
