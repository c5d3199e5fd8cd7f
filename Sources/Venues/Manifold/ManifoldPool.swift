/// A market's `pool` field. Current CPMM markets send the outstanding shares per outcome
/// (`{"YES": 120.5, "NO": 80.1}`); the API documentation's example (and some older payloads) sends
/// a single number, which says nothing about the split, so it is kept apart rather than guessed.
public enum ManifoldPool: Sendable, Hashable, Decodable {
    case outcomes([String: Double])
    case total(Double)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .total(number)
        } else {
            self = .outcomes(try container.decode([String: Double].self))
        }
    }

    /// The YES/NO shares, when the payload split them.
    public var yes: Double? { if case .outcomes(let pool) = self { pool["YES"] } else { nil } }
    public var no: Double? { if case .outcomes(let pool) = self { pool["NO"] } else { nil } }
}
