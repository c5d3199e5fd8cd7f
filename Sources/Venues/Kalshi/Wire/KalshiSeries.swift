import EdgewiseVenueKit
import EdgewiseCore

/// A series (`GET /series/{series_ticker}`): the template its events are listed under, with the
/// fee structure that applies to all of their markets.
public struct KalshiSeries: Decodable, Sendable, Hashable {
    public struct SettlementSource: Decodable, Sendable, Hashable {
        public var name: String
        public var url: String?

        public init(name: String, url: String?) {
            self.name = name
            self.url = url
        }
    }

    public var ticker: String
    public var frequency: String?
    public var title: String
    public var category: String?
    public var tags: [String]
    public var settlementSources: [SettlementSource]
    public var contractURL: String?
    public var contractTermsURL: String?
    public var feeType: KalshiFeeType
    /// Scales the fee table's rate. The wire sends a JSON number; it is read as exact decimal
    /// text (never through `Double`) because it multiplies money.
    public var feeMultiplier: LenientDecimal
    public var additionalProhibitions: [String]

    enum CodingKeys: String, CodingKey {
        case ticker, frequency, title, category, tags
        case settlementSources = "settlement_sources"
        case contractURL = "contract_url"
        case contractTermsURL = "contract_terms_url"
        case feeType = "fee_type"
        case feeMultiplier = "fee_multiplier"
        case additionalProhibitions = "additional_prohibitions"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ticker = try c.decode(String.self, forKey: .ticker)
        frequency = try c.kalshiText(.frequency)
        title = try c.kalshiText(.title) ?? ""
        category = try c.kalshiText(.category)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        settlementSources = try c.decodeIfPresent([SettlementSource].self, forKey: .settlementSources) ?? []
        contractURL = try c.kalshiText(.contractURL)
        contractTermsURL = try c.kalshiText(.contractTermsURL)
        feeType = try c.decodeIfPresent(KalshiFeeType.self, forKey: .feeType) ?? .unknown("")
        feeMultiplier = try c.decodeIfPresent(LenientDecimal.self, forKey: .feeMultiplier) ?? LenientDecimal("1")
        additionalProhibitions = try c.decodeIfPresent([String].self, forKey: .additionalProhibitions) ?? []
    }
}
