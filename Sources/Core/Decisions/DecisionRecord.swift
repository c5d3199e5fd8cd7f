/// The record that follows one trading idea end to end: evidence → probability → edge (net of
/// fees and depth) → size → orders → fills → resolution → P&L. Stages fill in as the idea
/// progresses; the API shows it and the ledger stores it, so a decision can always be audited.
public struct DecisionRecord: Hashable, Codable, Sendable, Identifiable {
    public var id: DecisionID
    public var createdAt: Timestamp
    /// The strategy or person that made the decision.
    public var source: String
    public var venue: VenueID
    public var marketID: MarketID
    public var instrument: InstrumentID?
    public var evidence: [Evidence]
    public var probability: ProbabilityEstimate?
    public var edge: Edge?
    public var sizing: SizingDecision?
    public var orders: [ClientOrderID]
    public var fills: [FillID]
    public var resolution: Resolution?
    public var realizedPnL: Amount?
    /// Free-form notes (why it was skipped, what the reviewer said).
    public var notes: [String]

    public init(
        id: DecisionID = .generate(), createdAt: Timestamp, source: String, venue: VenueID, marketID: MarketID,
        instrument: InstrumentID? = nil, evidence: [Evidence] = []
    ) {
        self.id = id
        self.createdAt = createdAt
        self.source = source
        self.venue = venue
        self.marketID = marketID
        self.instrument = instrument
        self.evidence = evidence
        self.orders = []
        self.fills = []
        self.notes = []
    }

    /// The furthest stage the decision reached.
    public var stage: DecisionStage {
        if realizedPnL != nil { return .settled }
        if resolution != nil { return .resolved }
        if !fills.isEmpty { return .filled }
        if !orders.isEmpty { return .ordered }
        if sizing != nil { return .sized }
        if edge != nil { return .priced }
        if probability != nil { return .estimated }
        return .evidence
    }
}

public enum DecisionStage: String, Hashable, Codable, Sendable, CaseIterable, Comparable {
    case evidence, estimated, priced, sized, ordered, filled, resolved, settled

    public static func < (lhs: DecisionStage, rhs: DecisionStage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One piece of information, stamped with when it became known so a backtest cannot use it early.
public struct Evidence: Hashable, Codable, Sendable {
    public enum Direction: String, Hashable, Codable, Sendable { case supportsYes, supportsNo, neutral }

    public var claim: String
    public var source: String
    public var knownAt: Timestamp
    public var direction: Direction
    /// Strength in [0, 1] as judged by the model that produced it.
    public var strength: Double

    public init(claim: String, source: String, knownAt: Timestamp, direction: Direction, strength: Double) {
        self.claim = claim
        self.source = source
        self.knownAt = knownAt
        self.direction = direction
        self.strength = strength
    }
}

/// A model's probability for the YES outcome. `Double` is allowed here: it is a belief, not money.
public struct ProbabilityEstimate: Hashable, Codable, Sendable {
    public var model: String
    public var raw: Double
    /// After the calibration map; nil until a calibration exists (and then nothing is sized).
    public var calibrated: Double?
    public var uncertainty: Double?

    public init(model: String, raw: Double, calibrated: Double? = nil, uncertainty: Double? = nil) {
        self.model = model
        self.raw = raw
        self.calibrated = calibrated
        self.uncertainty = uncertainty
    }
}

/// Edge at the price a real order would get: after walking the book and paying fees.
public struct Edge: Hashable, Codable, Sendable {
    public var side: OrderSide
    /// Best quoted price when the edge was computed.
    public var quotedPrice: Price
    /// Average price after walking the book for the intended size.
    public var executablePrice: Price
    public var feesPerShare: Price
    /// Fair value per share minus everything paid, per share (may be negative).
    public var netEdgePerShare: Amount

    public init(side: OrderSide, quotedPrice: Price, executablePrice: Price, feesPerShare: Price, netEdgePerShare: Amount) {
        self.side = side
        self.quotedPrice = quotedPrice
        self.executablePrice = executablePrice
        self.feesPerShare = feesPerShare
        self.netEdgePerShare = netEdgePerShare
    }
}

public struct SizingDecision: Hashable, Codable, Sendable {
    public var method: String
    public var size: Size
    public var limitPrice: Price
    /// The cap that bound the size, if one did.
    public var boundBy: String?

    public init(method: String, size: Size, limitPrice: Price, boundBy: String? = nil) {
        self.method = method
        self.size = size
        self.limitPrice = limitPrice
        self.boundBy = boundBy
    }
}

/// How a market settled.
public struct Resolution: Hashable, Codable, Sendable {
    public var marketID: MarketID
    public var winningToken: TokenID?
    public var winningOutcome: String?
    public var resolvedAt: Timestamp
    /// Payout per share for each token (1/0 normally; split resolutions pay fractions).
    public var payouts: [TokenID: Price]

    public init(marketID: MarketID, winningToken: TokenID?, winningOutcome: String?, resolvedAt: Timestamp, payouts: [TokenID: Price]) {
        self.marketID = marketID
        self.winningToken = winningToken
        self.winningOutcome = winningOutcome
        self.resolvedAt = resolvedAt
        self.payouts = payouts
    }
}
