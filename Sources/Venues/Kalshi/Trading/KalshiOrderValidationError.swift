import EdgewiseCore

/// Why an order was refused before it was sent. Each message says how to fix the order; price
/// refusals name the nearest prices the market accepts.
public enum KalshiOrderValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The price is 0, 1 or beyond: a binary contract only trades strictly between them.
    case priceOutsideUnitInterval(price: Price, nearest: Price?)
    /// The price is inside (0, 1) but not on the market's grid.
    case priceOffGrid(price: Price, below: Price?, above: Price?)
    /// The market names a price grid this client does not know and sends no explicit ranges.
    case unknownPriceGrid(ticker: String, structure: String?)
    case countNotPositive(count: Size)
    /// More than the two decimals the venue accepts for counts.
    case countTooPrecise(count: Size)
    /// A fractional count on a market that trades whole contracts only.
    case countNotWhole(count: Size, below: Size?, above: Size)
    /// `buy_max_cost` only applies to buys.
    case buyMaxCostOnSell
    /// `buy_max_cost` is sent in whole cents.
    case buyMaxCostNotWholeCents(amount: Amount)
    /// A post-only order must be allowed to rest.
    case postOnlyCannotRest(timeInForce: KalshiTimeInForce)
    /// The action is neither buy nor sell.
    case unknownAction(String)
    /// The order names a different market than the rules it was checked against.
    case tickerMismatch(order: String, rules: String)
    case emptyClientOrderID

    public var description: String {
        switch self {
        case .priceOutsideUnitInterval(let price, let nearest):
            return "price \(price) is not strictly between 0 and 1\(nearest.map { "; the nearest valid price is \(KalshiWireDecimal.dollars($0))" } ?? "")"
        case .priceOffGrid(let price, let below, let above):
            let options = [below, above].compactMap { $0 }.map { KalshiWireDecimal.dollars($0) }
            return "price \(price) is not on this market's price grid"
                + (options.isEmpty ? "" : "; the nearest valid prices are \(options.joined(separator: " and "))")
        case .unknownPriceGrid(let ticker, let structure):
            return "\(ticker) has \(structure.map { "the unknown price structure '\($0)'" } ?? "no price structure") and no price_ranges, "
                + "so its valid prices cannot be checked; update Edgewise or reload the market"
        case .countNotPositive(let count):
            return "count \(count) must be greater than zero"
        case .countTooPrecise(let count):
            return "count \(count) has more than 2 decimal places; Kalshi accepts at most 2"
        case .countNotWhole(let count, let below, let above):
            let options = [below, above].compactMap { $0 }.map(\.description).joined(separator: " or ")
            return "count \(count) is fractional but this market trades whole contracts only; use \(options)"
        case .buyMaxCostOnSell:
            return "buy_max_cost only applies to buy orders; drop it or make the order a buy"
        case .buyMaxCostNotWholeCents(let amount):
            return "buy_max_cost \(amount) is not a whole number of cents"
        case .postOnlyCannotRest(let timeInForce):
            return "a post-only order must be able to rest, but time in force is \(timeInForce.rawValue); use good_till_canceled or drop post_only"
        case .unknownAction(let action):
            return "action '\(action)' is neither buy nor sell"
        case .tickerMismatch(let order, let rules):
            return "the order is for \(order) but was checked against the rules of \(rules)"
        case .emptyClientOrderID:
            return "client_order_id is empty; leave it nil to have one generated"
        }
    }
}
