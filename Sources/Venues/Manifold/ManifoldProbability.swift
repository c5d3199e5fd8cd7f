/// The answer of `GET /market/{id}/prob`: one probability for a binary market, one per answer
/// for a multiple-choice market.
public enum ManifoldProbability: Sendable, Hashable, Decodable {
    case binary(Double)
    case answers([String: Double])

    private enum CodingKeys: String, CodingKey { case prob, answerProbs }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let probabilities = try container.decodeIfPresent([String: Double].self, forKey: .answerProbs) {
            self = .answers(probabilities)
        } else {
            self = .binary(try container.decode(Double.self, forKey: .prob))
        }
    }
}
