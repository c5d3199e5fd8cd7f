import EdgewiseCore

extension SizingMethod {
    private enum CodingKeys: String, CodingKey {
        case method, multiplier, unitSize, count, amount, tiers, maxLoss
    }

    /// The `method` names a configuration may use.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case kelly, fractionalKelly, units, flat, confidenceTiers, invertedRisk
    }

    public var kind: Kind {
        switch self {
        case .kelly: .kelly
        case .fractionalKelly: .fractionalKelly
        case .units: .units
        case .flat: .flat
        case .confidenceTiers: .confidenceTiers
        case .invertedRisk: .invertedRisk
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .method) {
        case .kelly:
            self = .kelly
        case .fractionalKelly:
            self = .fractionalKelly(multiplier: try container.decode(Double.self, forKey: .multiplier))
        case .units:
            self = .units(
                unitSize: try container.decode(Amount.self, forKey: .unitSize),
                count: try container.decode(Int.self, forKey: .count))
        case .flat:
            self = .flat(amount: try container.decode(Amount.self, forKey: .amount))
        case .confidenceTiers:
            self = .confidenceTiers(ConfidenceTiers(tiers: try container.decode([ConfidenceTier].self, forKey: .tiers)))
        case .invertedRisk:
            self = .invertedRisk(maxLoss: try container.decode(Amount.self, forKey: .maxLoss))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .method)
        switch self {
        case .kelly:
            break
        case .fractionalKelly(let multiplier):
            try container.encode(multiplier, forKey: .multiplier)
        case .units(let unitSize, let count):
            try container.encode(unitSize, forKey: .unitSize)
            try container.encode(count, forKey: .count)
        case .flat(let amount):
            try container.encode(amount, forKey: .amount)
        case .confidenceTiers(let tiers):
            try container.encode(tiers.tiers, forKey: .tiers)
        case .invertedRisk(let maxLoss):
            try container.encode(maxLoss, forKey: .maxLoss)
        }
    }
}
