import EdgewiseCore

/// Reads a `POST /portfolio/orders` body back into an intent, in either form: the current one
/// (`count_fp`, `*_price_dollars`) or the legacy integer one (`count`, `yes_price`/`no_price` in
/// cents). Both forms present must agree, as for responses. This lets journals and tests compare
/// what was sent with what was meant, whichever client wrote it.
extension KalshiOrderIntent: Decodable {
    enum CodingKeys: String, CodingKey {
        case ticker, side, action
        case clientOrderID = "client_order_id"
        case countFP = "count_fp", count
        case yesPriceDollars = "yes_price_dollars", yesPrice = "yes_price"
        case noPriceDollars = "no_price_dollars", noPrice = "no_price"
        case timeInForce = "time_in_force"
        case expirationTS = "expiration_ts"
        case postOnly = "post_only"
        case reduceOnly = "reduce_only"
        case buyMaxCost = "buy_max_cost"
        case selfTradePrevention = "self_trade_prevention_type"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let side = try c.decode(KalshiSide.self, forKey: .side)
        let price =
            side == .yes
            ? try c.kalshiRequiredPrice(.yesPriceDollars, legacyCents: .yesPrice)
            : try c.kalshiRequiredPrice(.noPriceDollars, legacyCents: .noPrice)
        let maxCost = try c.kalshiLegacyInteger(.buyMaxCost).map { Amount(units: $0 * (FixedPoint.unitsPerWhole / 100)) }
        self.init(
            ticker: try c.decode(String.self, forKey: .ticker), side: side,
            action: try c.decode(KalshiOrderAction.self, forKey: .action), count: try c.kalshiRequiredCount(.countFP, legacy: .count),
            price: price, timeInForce: try c.decodeIfPresent(KalshiTimeInForce.self, forKey: .timeInForce),
            expiration: try c.kalshiLegacyInteger(.expirationTS).map { Timestamp(seconds: $0) },
            postOnly: try c.kalshiFlag(.postOnly) ?? false, reduceOnly: try c.kalshiFlag(.reduceOnly) ?? false, buyMaxCost: maxCost,
            selfTradePrevention: try c.kalshiText(.selfTradePrevention).map(KalshiSelfTradePrevention.init(wire:)),
            clientOrderID: try c.kalshiText(.clientOrderID))
    }
}
