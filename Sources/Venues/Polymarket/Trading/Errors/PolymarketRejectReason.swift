/// Why the CLOB refused a request, read from its error message, with what to do about it.
///
/// The venue reports reasons as English sentences (`not enough balance / allowance`, `… breaks
/// minimum tick size rule …`); the classification matches the stable parts of those sentences and
/// falls back to ``other`` so that an unknown wording still surfaces as a refusal with its text.
public enum PolymarketRejectReason: String, Sendable, Hashable, CaseIterable {
    case insufficientBalanceOrAllowance
    case invalidTickSize
    case belowMinimumSize
    case unknownMarket
    case postOnlyWouldCross
    case duplicateOrder
    /// A FOK order could not fill completely, or a FAK order found nothing to match.
    case notFilled
    case marketNotReady
    case invalidExpiration
    /// The exchange is paused: nothing, not even a cancel, is accepted.
    case tradingDisabled
    /// The exchange only accepts cancels.
    case cancelOnly
    /// The matching engine is restarting (HTTP 425).
    case exchangeRestarting
    /// The API key, passphrase, signature or timestamp was not accepted.
    case unauthorized
    /// The account or region may not trade (closed-only mode, banned address, geoblock).
    case accountRestricted
    case orderNotFound
    case other

    /// Classifies a refusal from its HTTP status and the venue's message.
    public static func classify(status: Int, message: String) -> PolymarketRejectReason {
        let text = message.lowercased()
        func has(_ fragment: String) -> Bool { text.contains(fragment) }
        if has("not enough balance") || has("allowance") || has("insufficient balance") { return .insufficientBalanceOrAllowance }
        if has("tick size") || has("tick_size") { return .invalidTickSize }
        if has("lower than the minimum") || has("minimum size") || has("min size") || has("min_size") || has("minimum order size") {
            return .belowMinimumSize
        }
        if has("crosses book") || has("post-only") || has("post only") || has("postonly") { return .postOnlyWouldCross }
        if has("duplicate") { return .duplicateOrder }
        if has("fully filled or killed") || has("couldn't be fully filled") || has("could not be fully filled")
            || has("no orders found to match") || has("no match")
        {
            return .notFilled
        }
        if has("not yet ready") || has("not ready") { return .marketNotReady }
        if has("expiration") { return .invalidExpiration }
        if has("cancel-only") || has("cancel only") { return .cancelOnly }
        if has("trading is currently disabled") || has("trading is disabled") { return .tradingDisabled }
        if status == 425 || has("too early") || has("restarting") { return .exchangeRestarting }
        if has("closed only") || has("closed-only") || has("banned") || has("restricted") || has("region") {
            return .accountRestricted
        }
        if has("market not found") || has("unknown token") || has("token not found") || has("invalid token id")
            || has("no orderbook exists")
        {
            return .unknownMarket
        }
        if has("order not found") || (has("not found") && has("order")) { return .orderNotFound }
        if status == 401 || has("unauthorized") || has("invalid api key") || has("request headers") { return .unauthorized }
        if status == 403 { return .accountRestricted }
        return .other
    }

    /// What the operator or the strategy should do next.
    public var nextStep: String {
        switch self {
        case .insufficientBalanceOrAllowance:
            "the funder lacks pUSD (BUY) or shares (SELL), or has not approved the exchange contracts; check GET /balance-allowance, "
                + "approve the exchanges, refresh with GET /balance-allowance/update, or reduce the size (open orders reserve balance)"
        case .invalidTickSize:
            "the price is not on the market's tick grid; re-read the tick size (it can change near 0 and 1), re-price and re-sign"
        case .belowMinimumSize:
            "the size is under the market's min_order_size; increase it or skip the order"
        case .unknownMarket:
            "the token or market does not exist or is not trading on the CLOB; re-check the token id (it may be closed or resolved)"
        case .postOnlyWouldCross:
            "the post-only order would have taken liquidity; re-price behind the touch or drop postOnly"
        case .duplicateOrder:
            "an order with this hash already exists; do not re-send it — look it up by id instead"
        case .notFilled:
            "the book could not fill it at the limit price; nothing was executed — re-read the book before trying again"
        case .marketNotReady:
            "the market does not accept orders yet; wait until it opens"
        case .invalidExpiration:
            "the GTD expiration is too soon or malformed; use now + 60 s + lifetime (unix seconds) and re-sign"
        case .tradingDisabled:
            "the exchange is paused; wait and check polymarket.com status before trading again"
        case .cancelOnly:
            "the exchange accepts cancels only; stop placing orders until it reopens"
        case .exchangeRestarting:
            "the matching engine is restarting; nothing was processed, retry in a few seconds"
        case .unauthorized:
            "check the API key, secret and passphrase, that POLY_ADDRESS is the key's wallet, and that the system clock is right"
        case .accountRestricted:
            "this account or region may not place orders; only cancels may be possible — check the account status"
        case .orderNotFound:
            "the venue does not know this order id; it may have been filled, cancelled or never placed — reconcile"
        case .other:
            "the venue refused the request; read its message, fix the order and re-sign — retrying unchanged will fail again"
        }
    }
}
