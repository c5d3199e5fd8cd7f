import EdgewiseCore

/// An order as the portfolio endpoints report it. Replies to a cancel carry only a few fields
/// (`order_id`, `status`, `remaining_count_fp`), so everything but the id and status is optional.
public struct KalshiOrder: Decodable, Sendable, Hashable {
    public var orderID: String
    public var userID: String?
    public var clientOrderID: String?
    public var ticker: String?
    public var side: KalshiSide?
    public var action: KalshiOrderAction?
    /// `limit` or `market` (older payloads); kept as text.
    public var type: String?
    public var status: KalshiOrderStatus
    public var yesPrice: Price?
    public var noPrice: Price?
    public var fillCount: Size?
    public var remainingCount: Size?
    public var initialCount: Size?
    public var takerFillCost: Amount?
    public var makerFillCost: Amount?
    public var takerFees: Amount?
    public var makerFees: Amount?
    public var expirationTime: Timestamp?
    public var createdTime: Timestamp?
    public var lastUpdateTime: Timestamp?
    public var selfTradePrevention: KalshiSelfTradePrevention?
    public var orderGroupID: String?
    public var cancelOrderOnPause: Bool?

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id"
        case userID = "user_id"
        case clientOrderID = "client_order_id"
        case ticker, side, action, type, status
        case outcomeSide = "outcome_side"
        case yesPriceDollars = "yes_price_dollars", yesPrice = "yes_price"
        case noPriceDollars = "no_price_dollars", noPrice = "no_price"
        case fillCountFP = "fill_count_fp", fillCount = "fill_count"
        case remainingCountFP = "remaining_count_fp", remainingCount = "remaining_count"
        case initialCountFP = "initial_count_fp", initialCount = "initial_count"
        case takerFillCostDollars = "taker_fill_cost_dollars", takerFillCost = "taker_fill_cost"
        case makerFillCostDollars = "maker_fill_cost_dollars", makerFillCost = "maker_fill_cost"
        case takerFeesDollars = "taker_fees_dollars", takerFees = "taker_fees"
        case makerFeesDollars = "maker_fees_dollars", makerFees = "maker_fees"
        case expirationTime = "expiration_time"
        case createdTime = "created_time"
        case lastUpdateTime = "last_update_time"
        case selfTradePrevention = "self_trade_prevention_type"
        case orderGroupID = "order_group_id"
        case cancelOrderOnPause = "cancel_order_on_pause"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        orderID = try c.decode(String.self, forKey: .orderID)
        userID = try c.kalshiText(.userID)
        clientOrderID = try c.kalshiText(.clientOrderID)
        ticker = try c.kalshiText(.ticker)
        let sideText = try c.kalshiText(.side) ?? c.kalshiText(.outcomeSide)
        side = sideText.flatMap { KalshiSide(rawValue: $0.lowercased()) }
        action = try c.kalshiText(.action).map(KalshiOrderAction.init(wire:))
        type = try c.kalshiText(.type)
        status = try c.decodeIfPresent(KalshiOrderStatus.self, forKey: .status) ?? .unknown("")
        yesPrice = try c.kalshiPrice(.yesPriceDollars, legacyCents: .yesPrice)
        noPrice = try c.kalshiPrice(.noPriceDollars, legacyCents: .noPrice)
        fillCount = try c.kalshiCount(.fillCountFP, legacy: .fillCount)
        remainingCount = try c.kalshiCount(.remainingCountFP, legacy: .remainingCount)
        initialCount = try c.kalshiCount(.initialCountFP, legacy: .initialCount)
        takerFillCost = try c.kalshiAmount(.takerFillCostDollars, legacyCents: .takerFillCost)
        makerFillCost = try c.kalshiAmount(.makerFillCostDollars, legacyCents: .makerFillCost)
        takerFees = try c.kalshiAmount(.takerFeesDollars, legacyCents: .takerFees)
        makerFees = try c.kalshiAmount(.makerFeesDollars, legacyCents: .makerFees)
        expirationTime = try c.kalshiTime(.expirationTime)
        createdTime = try c.kalshiTime(.createdTime)
        lastUpdateTime = try c.kalshiTime(.lastUpdateTime)
        selfTradePrevention = try c.kalshiText(.selfTradePrevention).map(KalshiSelfTradePrevention.init(wire:))
        orderGroupID = try c.kalshiText(.orderGroupID)
        cancelOrderOnPause = try c.kalshiFlag(.cancelOrderOnPause)
    }

    /// The limit price of the order's own side.
    public var price: Price? { side == .no ? noPrice : yesPrice }
}
