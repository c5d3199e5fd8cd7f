import EdgewiseCore
import EdgewiseVenueKit
import Foundation

/// One outcome-token holding as the Data API reports it.
///
/// The Data API sends money as JSON numbers that are float renderings (`15.062499999999998` is
/// possible), so values are read exactly as written and then rounded half-up to the six decimals
/// Edgewise keeps; these are display and reconciliation figures, never signed amounts.
public struct DataPosition: Decodable, Sendable, Hashable {
    public let wallet: String
    public let token: TokenID
    public let conditionID: MarketID
    public let size: Size
    public let averagePrice: Price
    public let currentPrice: Price
    public let initialValue: Amount
    public let currentValue: Amount
    public let cashPnL: Amount
    public let realizedPnL: Amount
    public let redeemable: Bool
    public let mergeable: Bool
    public let negativeRisk: Bool
    public let title: String
    public let outcome: String
    public let outcomeIndex: Int?
    public let endDate: String?

    enum CodingKeys: String, CodingKey {
        case wallet = "proxyWallet", token = "asset", conditionID = "conditionId", size, averagePrice = "avgPrice"
        case currentPrice = "curPrice", initialValue, currentValue, cashPnL = "cashPnl", realizedPnL = "realizedPnl"
        case redeemable, mergeable, negativeRisk, title, outcome, outcomeIndex, endDate
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        wallet = try container.decode(String.self, forKey: .wallet)
        token = TokenID(try container.decode(LenientString.self, forKey: .token).value)
        conditionID = MarketID(try container.decode(String.self, forKey: .conditionID))
        size = try Self.fixed(container, .size)
        averagePrice = try Self.fixed(container, .averagePrice)
        currentPrice = try Self.fixed(container, .currentPrice)
        initialValue = try Self.fixed(container, .initialValue)
        currentValue = try Self.fixed(container, .currentValue)
        cashPnL = try Self.fixed(container, .cashPnL)
        realizedPnL = try Self.fixed(container, .realizedPnL)
        redeemable = try container.decodeIfPresent(LenientBool.self, forKey: .redeemable)?.value ?? false
        mergeable = try container.decodeIfPresent(LenientBool.self, forKey: .mergeable)?.value ?? false
        negativeRisk = try container.decodeIfPresent(LenientBool.self, forKey: .negativeRisk)?.value ?? false
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
        outcome = try container.decodeIfPresent(String.self, forKey: .outcome) ?? ""
        outcomeIndex = try container.decodeIfPresent(Int.self, forKey: .outcomeIndex)
        endDate = try container.decodeIfPresent(String.self, forKey: .endDate)
    }

    static func fixed<T: FixedPointDecimal>(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> T {
        guard let raw = try container.decodeIfPresent(LenientDecimal.self, forKey: key), !raw.isEmpty else { return .zero }
        guard var decimal = Decimal(string: raw.text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(raw.text)' is not a number")
        }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &decimal, FixedPoint.scale, .plain)
        do { return try T(exactly: rounded) } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(error)")
        }
    }
}
