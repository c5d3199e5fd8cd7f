import EdgewiseVenueKit
import EdgewiseCore
import Foundation

/// A market as `GET /markets` and `GET /markets/{ticker}` send it (OpenAPI 3.13.0 field names).
///
/// Prices and counts are read through the reconciling helpers: the fixed-point field wins, a
/// legacy integer field (cents, whole contracts) is accepted when it is the only one, and the two
/// disagreeing is a decoding error naming the field. Unknown fields are ignored and unknown enum
/// words kept, so a venue addition does not break market listing.
public struct KalshiMarket: Decodable, Sendable, Hashable {
    public var ticker: String
    public var eventTicker: String
    /// `binary` or `scalar` (kept as text: nothing here depends on it beyond display).
    public var marketType: String?
    /// Deprecated by the venue in favour of the sub-titles, but still the most readable question.
    public var title: String?
    public var subtitle: String?
    public var yesSubTitle: String?
    public var noSubTitle: String?
    public var createdTime: Timestamp?
    public var updatedTime: Timestamp?
    public var openTime: Timestamp?
    public var closeTime: Timestamp?
    public var expectedExpirationTime: Timestamp?
    public var latestExpirationTime: Timestamp?
    public var settlementTimerSeconds: Int?
    public var status: KalshiMarketStatus
    public var yesBid: Price?
    public var yesBidSize: Size?
    public var yesAsk: Price?
    public var yesAskSize: Size?
    public var noBid: Price?
    public var noAsk: Price?
    public var lastPrice: Price?
    public var previousYesBid: Price?
    public var previousYesAsk: Price?
    public var previousPrice: Price?
    public var volume: Size?
    public var volume24h: Size?
    public var openInterest: Size?
    /// What one contract pays at settlement (1 dollar for binary markets).
    public var notionalValue: Amount?
    /// Deprecated; always "0.0000" on current payloads.
    public var liquidity: Amount?
    public var result: KalshiMarketResult
    /// The YES side's settlement value, set once the market is determined.
    public var settlementValue: Price?
    public var settlementTime: Timestamp?
    public var canCloseEarly: Bool?
    public var fractionalTradingEnabled: Bool
    public var expirationValue: String?
    public var rulesPrimary: String
    public var rulesSecondary: String
    public var strikeType: String?
    /// Strikes are the underlying's units (degrees, index points), not money: kept as exact text.
    public var floorStrike: LenientDecimal?
    public var capStrike: LenientDecimal?
    public var priceLevelStructure: KalshiPriceLevelStructure?
    public var priceRanges: [KalshiPriceRange]

    enum CodingKeys: String, CodingKey {
        case ticker
        case eventTicker = "event_ticker"
        case marketType = "market_type"
        case title, subtitle
        case yesSubTitle = "yes_sub_title"
        case noSubTitle = "no_sub_title"
        case createdTime = "created_time"
        case updatedTime = "updated_time"
        case openTime = "open_time"
        case closeTime = "close_time"
        case expectedExpirationTime = "expected_expiration_time"
        case latestExpirationTime = "latest_expiration_time"
        case settlementTimerSeconds = "settlement_timer_seconds"
        case status
        case yesBidDollars = "yes_bid_dollars", yesBid = "yes_bid"
        case yesBidSizeFP = "yes_bid_size_fp", yesBidSize = "yes_bid_size"
        case yesAskDollars = "yes_ask_dollars", yesAsk = "yes_ask"
        case yesAskSizeFP = "yes_ask_size_fp", yesAskSize = "yes_ask_size"
        case noBidDollars = "no_bid_dollars", noBid = "no_bid"
        case noAskDollars = "no_ask_dollars", noAsk = "no_ask"
        case lastPriceDollars = "last_price_dollars", lastPrice = "last_price"
        case previousYesBidDollars = "previous_yes_bid_dollars", previousYesBid = "previous_yes_bid"
        case previousYesAskDollars = "previous_yes_ask_dollars", previousYesAsk = "previous_yes_ask"
        case previousPriceDollars = "previous_price_dollars", previousPrice = "previous_price"
        case volumeFP = "volume_fp", volume
        case volume24hFP = "volume_24h_fp", volume24h = "volume_24h"
        case openInterestFP = "open_interest_fp", openInterest = "open_interest"
        case notionalValueDollars = "notional_value_dollars", notionalValue = "notional_value"
        case liquidityDollars = "liquidity_dollars", liquidity
        case result
        case settlementValueDollars = "settlement_value_dollars", settlementValue = "settlement_value"
        case settlementTime = "settlement_ts"
        case canCloseEarly = "can_close_early"
        case fractionalTradingEnabled = "fractional_trading_enabled"
        case expirationValue = "expiration_value"
        case rulesPrimary = "rules_primary"
        case rulesSecondary = "rules_secondary"
        case strikeType = "strike_type"
        case floorStrike = "floor_strike"
        case capStrike = "cap_strike"
        case priceLevelStructure = "price_level_structure"
        case priceRanges = "price_ranges"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ticker = try c.decode(String.self, forKey: .ticker)
        eventTicker = try c.decode(String.self, forKey: .eventTicker)
        marketType = try c.kalshiText(.marketType)
        title = try c.kalshiText(.title)
        subtitle = try c.kalshiText(.subtitle)
        yesSubTitle = try c.kalshiText(.yesSubTitle)
        noSubTitle = try c.kalshiText(.noSubTitle)
        createdTime = try c.kalshiTime(.createdTime)
        updatedTime = try c.kalshiTime(.updatedTime)
        openTime = try c.kalshiTime(.openTime)
        closeTime = try c.kalshiTime(.closeTime)
        expectedExpirationTime = try c.kalshiTime(.expectedExpirationTime)
        latestExpirationTime = try c.kalshiTime(.latestExpirationTime)
        settlementTimerSeconds = try c.decodeIfPresent(Int.self, forKey: .settlementTimerSeconds)
        status = try c.decodeIfPresent(KalshiMarketStatus.self, forKey: .status) ?? .unknown("")
        yesBid = try c.kalshiPrice(.yesBidDollars, legacyCents: .yesBid)
        yesBidSize = try c.kalshiCount(.yesBidSizeFP, legacy: .yesBidSize)
        yesAsk = try c.kalshiPrice(.yesAskDollars, legacyCents: .yesAsk)
        yesAskSize = try c.kalshiCount(.yesAskSizeFP, legacy: .yesAskSize)
        noBid = try c.kalshiPrice(.noBidDollars, legacyCents: .noBid)
        noAsk = try c.kalshiPrice(.noAskDollars, legacyCents: .noAsk)
        lastPrice = try c.kalshiPrice(.lastPriceDollars, legacyCents: .lastPrice)
        previousYesBid = try c.kalshiPrice(.previousYesBidDollars, legacyCents: .previousYesBid)
        previousYesAsk = try c.kalshiPrice(.previousYesAskDollars, legacyCents: .previousYesAsk)
        previousPrice = try c.kalshiPrice(.previousPriceDollars, legacyCents: .previousPrice)
        volume = try c.kalshiCount(.volumeFP, legacy: .volume)
        volume24h = try c.kalshiCount(.volume24hFP, legacy: .volume24h)
        openInterest = try c.kalshiCount(.openInterestFP, legacy: .openInterest)
        notionalValue = try c.kalshiSignedDollars(.notionalValueDollars, legacyCents: .notionalValue).map(Amount.init(units:))
        liquidity = try c.kalshiSignedDollars(.liquidityDollars, legacyCents: .liquidity).map(Amount.init(units:))
        result = try c.decodeIfPresent(KalshiMarketResult.self, forKey: .result) ?? .undetermined
        settlementValue = try c.kalshiPrice(.settlementValueDollars, legacyCents: .settlementValue)
        settlementTime = try c.kalshiTime(.settlementTime)
        canCloseEarly = try c.kalshiFlag(.canCloseEarly)
        fractionalTradingEnabled = try c.kalshiFlag(.fractionalTradingEnabled) ?? false
        expirationValue = try c.kalshiText(.expirationValue)
        rulesPrimary = try c.kalshiText(.rulesPrimary) ?? ""
        rulesSecondary = try c.kalshiText(.rulesSecondary) ?? ""
        strikeType = try c.kalshiText(.strikeType)
        floorStrike = try c.decodeIfPresent(LenientDecimal.self, forKey: .floorStrike)
        capStrike = try c.decodeIfPresent(LenientDecimal.self, forKey: .capStrike)
        priceLevelStructure = try c.kalshiText(.priceLevelStructure).map(KalshiPriceLevelStructure.init(wire:))
        priceRanges = try c.decodeIfPresent([KalshiPriceRange].self, forKey: .priceRanges) ?? []
    }
}
