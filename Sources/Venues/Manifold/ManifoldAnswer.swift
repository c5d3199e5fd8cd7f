/// One answer of a multiple-choice (`cpmm-multi-1`) market: its own binary CPMM with p = 0.5, so
/// its probability is `poolNo / (poolYes + poolNo)`.
public struct ManifoldAnswer: Sendable, Hashable, Decodable, Identifiable {
    public var id: String
    public var index: Int?
    public var contractId: String?
    public var userId: String?
    public var text: String?
    public var createdTime: Int64?
    public var poolYes: Double?
    public var poolNo: Double?
    /// The API has sent the answer's probability both as `probability` and as `prob`.
    public var probability: Double?
    public var prob: Double?
    public var totalLiquidity: Double?
    public var subsidy: Double?
    /// The catch-all "Other" answer of markets that let new answers split off it.
    public var isOther: Bool?
    public var resolution: String?
    public var resolutionTime: Int64?
    public var resolutionProbability: Double?

    public init(id: String, text: String? = nil, poolYes: Double? = nil, poolNo: Double? = nil) {
        self.id = id
        self.text = text
        self.poolYes = poolYes
        self.poolNo = poolNo
    }

    /// The answer's market maker, when both pool sides are present.
    public var cpmmPool: CPMMPool? {
        guard let poolYes, let poolNo else { return nil }
        return CPMMPool(yes: poolYes, no: poolNo, p: 0.5)
    }

    /// The reported probability, or the one implied by the pool.
    public var currentProbability: Double? { probability ?? prob ?? cpmmPool?.probability }
}
