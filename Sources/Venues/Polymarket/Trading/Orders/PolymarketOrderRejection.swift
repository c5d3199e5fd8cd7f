import EdgewiseCore

/// Why an order was refused before it was signed. Each message names the offending value and what
/// would be accepted, because the person reading it is about to retype a command.
public enum PolymarketOrderRejection: Error, Sendable, Hashable, CustomStringConvertible {
    case unsupportedTickSize(String)
    case tickFinerThanMarket(requested: PolymarketTickSize, market: PolymarketTickSize)
    case priceNotOnTick(price: Price, tick: PolymarketTickSize)
    case priceOutOfRange(price: Price, tick: PolymarketTickSize)
    /// A price above 1 has no meaning for a share that pays at most 1.
    case priceAboveOne(Price)
    /// The official price rounding turned a positive price into zero.
    case priceRoundsToZero(price: Price, decimals: Int)
    /// `size` is what remains after rounding down to two decimals.
    case sizeBelowMinimum(size: Size, minimum: Size)
    case sizeRoundsToZero(Size)
    case amountRoundsToZero(Amount)
    case nonPositiveQuantity(PolymarketMarketOrderQuantity)
    case amountOverflow
    /// The book cannot absorb a fill-or-kill order: `available` is what all its levels hold.
    case noMatch(requested: PolymarketMarketOrderQuantity, available: PolymarketMarketOrderQuantity)
    case expirationTooSoon(expiration: Int64, earliest: Int64)
    case nonPositiveLifetime(seconds: Int64)
    case lifetimeTooLong(seconds: Int64)
    case insufficientCollateral(required: Amount, available: Amount)
    case insufficientShares(required: Size, available: Size)

    public var description: String {
        switch self {
        case .unsupportedTickSize(let text):
            let known = PolymarketTickSize.allCases.map(\.rawValue).joined(separator: ", ")
            return "tick size '\(text)' is not one Polymarket uses (\(known)); refresh the market's tick size and try again"
        case .tickFinerThanMarket(let requested, let market):
            return "tick size \(requested) is finer than this market's minimum tick \(market); use \(market) or a coarser tick"
        case .priceNotOnTick(let price, let tick):
            let below = price.rounded(toMultipleOf: tick.price, .down)
            let above = price.rounded(toMultipleOf: tick.price, .up)
            return "price \(price) is not a multiple of the tick \(tick); prices are not rounded for you: use \(below) or \(above)"
        case .priceOutOfRange(let price, let tick):
            return "price \(price) is outside \(tick.validPrices.lowerBound)…\(tick.validPrices.upperBound), the range allowed with tick \(tick); choose a price in that range"
        case .priceAboveOne(let price):
            return "price \(price) is above 1, the most a share can pay; prices are per share between 0 and 1"
        case .priceRoundsToZero(let price, let decimals):
            return "price \(price) becomes 0 when rounded down to \(decimals) decimals; use a price of at least one tick"
        case .sizeBelowMinimum(let size, let minimum):
            return "size \(size) shares (after rounding down to 2 decimals) is below this market's minimum order size of \(minimum) shares; order at least \(minimum)"
        case .sizeRoundsToZero(let size):
            return "size \(size) shares becomes 0 when rounded down to 2 decimals; order at least 0.01 shares"
        case .amountRoundsToZero(let amount):
            return "amount \(amount) USDC becomes 0 when rounded down to 2 decimals; spend at least 0.01 USDC"
        case .nonPositiveQuantity(let quantity):
            return "a market order for \(quantity) is empty; give a positive quantity (at least 0.01)"
        case .amountOverflow:
            return "the order's amounts do not fit in 6-decimal base units; reduce the size or amount"
        case .noMatch(let requested, let available):
            return "no match: the book holds only \(available) against \(requested) requested, so a fill-or-kill order cannot fill; reduce the amount or use fill-and-kill"
        case .expirationTooSoon(let expiration, let earliest):
            return "expiration \(expiration) is too soon: the venue keeps a 60-second security threshold, so the earliest accepted expiration is \(earliest) (for an order to live N seconds use now + 60 + N)"
        case .nonPositiveLifetime(let seconds):
            return "an order cannot live \(seconds) seconds; give a lifetime of at least 1 second (or use GTC for no expiration)"
        case .lifetimeTooLong(let seconds):
            return "a lifetime of \(seconds) seconds does not fit a unix timestamp; give a shorter one (or use GTC for no expiration)"
        case .insufficientCollateral(let required, let available):
            return "the order needs \(required) USDC but the balance is \(available); deposit more or reduce the order"
        case .insufficientShares(let required, let available):
            return "the order sells \(required) shares but only \(available) are held; reduce the size"
        }
    }
}
