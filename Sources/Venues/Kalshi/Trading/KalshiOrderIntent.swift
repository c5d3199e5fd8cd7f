import EdgewiseCore
import Foundation

/// An order to place on Kalshi, in the venue's own terms: buy or sell `count` contracts of one
/// side of `ticker` at no worse than `price` (dollars, for that side).
public struct KalshiOrderIntent: Sendable, Hashable {
    public var ticker: String
    public var side: KalshiSide
    public var action: KalshiOrderAction
    public var count: Size
    /// The limit price of `side`'s contracts; sent as `yes_price_dollars` or `no_price_dollars`.
    public var price: Price
    public var timeInForce: KalshiTimeInForce?
    /// When a resting order expires (sent in whole seconds).
    public var expiration: Timestamp?
    public var postOnly: Bool
    public var reduceOnly: Bool
    /// For buys: the most the order may spend, whole cents (the venue then treats it as FoK).
    public var buyMaxCost: Amount?
    public var selfTradePrevention: KalshiSelfTradePrevention?
    /// The idempotency key; generated when nil. Keep it: it is how an order with an unknown
    /// outcome is found again.
    public var clientOrderID: String?

    public init(
        ticker: String, side: KalshiSide, action: KalshiOrderAction, count: Size, price: Price,
        timeInForce: KalshiTimeInForce? = nil, expiration: Timestamp? = nil, postOnly: Bool = false, reduceOnly: Bool = false,
        buyMaxCost: Amount? = nil, selfTradePrevention: KalshiSelfTradePrevention? = nil, clientOrderID: String? = nil
    ) {
        self.ticker = ticker
        self.side = side
        self.action = action
        self.count = count
        self.price = price
        self.timeInForce = timeInForce
        self.expiration = expiration
        self.postOnly = postOnly
        self.reduceOnly = reduceOnly
        self.buyMaxCost = buyMaxCost
        self.selfTradePrevention = selfTradePrevention
        self.clientOrderID = clientOrderID
    }

    /// A fresh client order id in the form Edgewise uses everywhere (`ew-` and 32 hex digits).
    public static func generateClientOrderID() -> String { ClientOrderID.generate().rawValue }

    /// Checks the order against `rules` and returns the exact request body, fixing the client
    /// order id (generating one when absent).
    public func validated(against rules: KalshiOrderRules) throws(KalshiOrderValidationError) -> KalshiCreateOrderBody {
        guard ticker == rules.ticker else { throw .tickerMismatch(order: ticker, rules: rules.ticker) }
        if case .unknown(let text) = action { throw .unknownAction(text) }
        try rules.check(price: price)
        try rules.check(count: count)
        var maxCostCents: Int64?
        if let buyMaxCost {
            guard action == .buy else { throw .buyMaxCostOnSell }
            let centUnits = FixedPoint.unitsPerWhole / 100
            guard buyMaxCost.units > 0, buyMaxCost.units % centUnits == 0 else { throw .buyMaxCostNotWholeCents(amount: buyMaxCost) }
            maxCostCents = buyMaxCost.units / centUnits
        }
        if postOnly, let timeInForce, timeInForce != .goodTillCanceled { throw .postOnlyCannotRest(timeInForce: timeInForce) }
        if let clientOrderID, clientOrderID.trimmingCharacters(in: .whitespaces).isEmpty { throw .emptyClientOrderID }
        let priceText = KalshiWireDecimal.dollars(price)
        return KalshiCreateOrderBody(
            ticker: ticker, client_order_id: clientOrderID ?? Self.generateClientOrderID(), side: side.rawValue,
            action: action.wire, count_fp: KalshiWireDecimal.count(count),
            yes_price_dollars: side == .yes ? priceText : nil, no_price_dollars: side == .no ? priceText : nil,
            time_in_force: timeInForce?.rawValue, expiration_ts: expiration.map { $0.nanoseconds / 1_000_000_000 },
            post_only: postOnly ? true : nil, reduce_only: reduceOnly ? true : nil, buy_max_cost: maxCostCents,
            self_trade_prevention_type: selfTradePrevention?.wire)
    }
}
