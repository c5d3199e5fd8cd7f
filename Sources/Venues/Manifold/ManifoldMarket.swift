import EdgewiseCore

/// A market as API v0 returns it: the `LiteMarket` of listings (`GET /markets`, search) and the
/// `FullMarket` of `GET /market/{id}` and `GET /slug/{slug}`, which adds ``answers`` (multiple
/// choice), the description and the topics. One type serves both because the full form is the lite
/// one plus optional fields.
///
/// Decoding is lenient: every field but ``id`` may be absent, and an `outcomeType` or `mechanism`
/// this build does not know is kept as `.unknown(raw)`. Figures stay the doubles the venue sent;
/// ``ManifoldMoney`` turns them into money.
public struct ManifoldMarket: Sendable, Hashable, Decodable, Identifiable {
    public var id: String
    public var creatorId: String?
    public var creatorUsername: String?
    public var creatorName: String?
    public var creatorAvatarUrl: String?
    /// Milliseconds since the epoch, like every time below.
    public var createdTime: Int64?
    public var closeTime: Int64?
    public var question: String?
    public var slug: String?
    public var url: String?
    public var outcomeType: ManifoldOutcomeType?
    public var mechanism: ManifoldMechanism?
    /// P(YES) of a binary market.
    public var probability: Double?
    public var pool: ManifoldPool?
    /// The CPMM weight of a `cpmm-1` market.
    public var p: Double?
    public var totalLiquidity: Double?
    public var volume: Double?
    public var volume24Hours: Double?
    public var isResolved: Bool?
    /// `YES`, `NO`, `MKT` (resolved to ``resolutionProbability``), `CANCEL` (bets refunded), or an
    /// answer id on a multiple-choice market.
    public var resolution: String?
    public var resolutionTime: Int64?
    public var resolutionProbability: Double?
    public var uniqueBettorCount: Int?
    public var lastUpdatedTime: Int64?
    public var lastBetTime: Int64?
    /// `MANA` or `CASH` (sweepcash).
    public var token: String?
    /// Multiple choice: whether the server keeps the answers' probabilities summing to one.
    public var shouldAnswersSumToOne: Bool?
    public var addAnswersMode: String?
    /// Pseudo-numeric markets: the range and scale the probability maps onto.
    public var min: Double?
    public var max: Double?
    public var isLogScale: Bool?
    // FullMarket only.
    public var answers: [ManifoldAnswer]?
    public var textDescription: String?
    public var groupSlugs: [String]?
    public var coverImageUrl: String?

    public init(id: String, question: String? = nil, outcomeType: ManifoldOutcomeType? = nil, mechanism: ManifoldMechanism? = nil) {
        self.id = id
        self.question = question
        self.outcomeType = outcomeType
        self.mechanism = mechanism
    }

    /// The binary market maker, when the payload carries both pool sides and `p`.
    public var cpmmPool: CPMMPool? {
        guard mechanism == .cpmm1, let yes = pool?.yes, let no = pool?.no, let p else { return nil }
        return CPMMPool(yes: yes, no: no, p: p)
    }
}
