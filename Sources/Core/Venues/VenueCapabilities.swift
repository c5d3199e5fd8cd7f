/// What one venue accepts, stated once so that a venue-neutral caller (the CLI, later the order
/// manager and the router) can refuse an option the venue would refuse, and say why, before
/// anything is signed or sent.
public struct VenueCapabilities: Sendable, Hashable, Codable {
    /// How an order's quantity is stated on the wire.
    public enum Quantity: String, Sendable, Hashable, Codable {
        /// Outcome shares (Polymarket): a limit order names shares; a market buy may name dollars.
        case shares
        /// Contracts paying $1 (Kalshi).
        case contracts
        /// The currency to spend (Manifold bets name mana; shares follow from the AMM and book).
        case amount
    }

    /// How YES and NO are addressed.
    public enum OutcomeAddressing: String, Sendable, Hashable, Codable {
        /// Each outcome has its own token id; the id already names the side (Polymarket).
        case tokenPerOutcome
        /// One market id and a `yes`/`no` side on each order (Kalshi tickers, Manifold contracts).
        case sideOnOrder
    }

    public var venue: VenueID
    public var displayName: String
    /// The unit prices and amounts are in.
    public var currency: String
    public var realMoney: Bool
    public var quantity: Quantity
    public var outcomeAddressing: OutcomeAddressing
    /// Whether sizes may have decimals, and how many.
    public var sizeDecimals: Int
    /// The smallest order, in `quantity` units (per-market minimums may be larger).
    public var minimumQuantity: String
    /// Time-in-force values the venue supports, by CLI name (`gtc`, `gtd`, `fok`, `fak`).
    public var timeInForce: [String]
    public var postOnly: Bool
    public var reduceOnly: Bool
    /// The most orders one batch request may hold; `nil` when the venue has no batch endpoint.
    public var maxBatch: Int?
    /// How the price grid is set.
    public var priceGrid: String
    /// Order changes in place (Kalshi amend/decrease); elsewhere cancel and replace.
    public var amend: Bool
    public var notes: [String]

    public init(
        venue: VenueID, displayName: String, currency: String, realMoney: Bool, quantity: Quantity,
        outcomeAddressing: OutcomeAddressing, sizeDecimals: Int, minimumQuantity: String, timeInForce: [String],
        postOnly: Bool, reduceOnly: Bool, maxBatch: Int?, priceGrid: String, amend: Bool, notes: [String]
    ) {
        self.venue = venue
        self.displayName = displayName
        self.currency = currency
        self.realMoney = realMoney
        self.quantity = quantity
        self.outcomeAddressing = outcomeAddressing
        self.sizeDecimals = sizeDecimals
        self.minimumQuantity = minimumQuantity
        self.timeInForce = timeInForce
        self.postOnly = postOnly
        self.reduceOnly = reduceOnly
        self.maxBatch = maxBatch
        self.priceGrid = priceGrid
        self.amend = amend
        self.notes = notes
    }

    /// Why `option` (a CLI spelling such as `--type gtd` or `--post-only`) cannot be used on this
    /// venue, with what to do instead; `nil` when it can.
    public func refusal(timeInForce name: String) -> String? {
        guard !timeInForce.contains(name) else { return nil }
        return "\(displayName) does not support --type \(name); it supports \(timeInForce.joined(separator: ", "))"
    }

    public var postOnlyRefusal: String? {
        postOnly ? nil : "\(displayName) has no post-only orders: a limit order that crosses is matched at once"
    }

    public var reduceOnlyRefusal: String? {
        reduceOnly ? nil : "\(displayName) has no reduce-only orders; size the sell to the position instead"
    }

    public func batchRefusal(count: Int) -> String? {
        guard let maxBatch else { return count > 1 ? "\(displayName) has no batch endpoint; orders are sent one by one" : nil }
        return count > maxBatch ? "\(displayName) takes at most \(maxBatch) orders per batch (\(count) given); split them" : nil
    }
}

extension VenueCapabilities {
    public static let polymarket = VenueCapabilities(
        venue: .polymarket, displayName: "Polymarket", currency: "pUSD", realMoney: true, quantity: .shares,
        outcomeAddressing: .tokenPerOutcome, sizeDecimals: 2, minimumQuantity: "the market's minimum order size (often 5 shares)",
        timeInForce: ["gtc", "gtd", "fok", "fak"], postOnly: true, reduceOnly: false, maxBatch: 15,
        priceGrid: "one tick per market (0.1, 0.01, 0.005, 0.001, 0.0025 or 0.0001), read from the venue; it can change as the price nears 0 or 1", amend: false,
        notes: [
            "GTD expiry must be at least 60 s after now.",
            "A market BUY (FOK/FAK) may name the dollars to spend (--amount) instead of shares.",
            "Orders are EIP-712 signed by the key; the funder holds the collateral.",
        ])

    public static let kalshi = VenueCapabilities(
        venue: .kalshi, displayName: "Kalshi", currency: "USD", realMoney: true, quantity: .contracts,
        outcomeAddressing: .sideOnOrder, sizeDecimals: 2, minimumQuantity: "1 contract",
        timeInForce: ["gtc", "gtd", "fok", "fak"], postOnly: true, reduceOnly: true, maxBatch: 20,
        priceGrid: "per market from price_level_structure / price_ranges: 0.01, or 0.001 in the tails or everywhere",
        amend: true,
        notes: [
            "Counts are whole contracts unless the market has fractional trading enabled (then up to 2 decimals).",
            "fak is sent as immediate_or_cancel; gtd as good_till_canceled with expiration_ts.",
            "A YES buy at p is the same trade as a NO sell at 1 − p; the book holds bids on both sides.",
            "Fees follow the series' fee schedule and are rounded up to the cent.",
        ])

    public static let manifold = VenueCapabilities(
        venue: .manifold, displayName: "Manifold", currency: "mana (play money)", realMoney: false, quantity: .amount,
        outcomeAddressing: .sideOnOrder, sizeDecimals: 6, minimumQuantity: "1 mana",
        timeInForce: ["gtc", "gtd", "fak"], postOnly: false, reduceOnly: false, maxBatch: nil,
        priceGrid: "limit probabilities in whole percent, 0.01 to 0.99", amend: false,
        notes: [
            "A bet names the mana to spend; the shares received follow from the order book and the CPMM pool.",
            "fak is a market bet: it fills against limit orders and the AMM, and nothing rests.",
            "Selling names shares (or all of a position) and goes through the AMM.",
            "Multiple-choice answers are traded per answer with the answer id.",
        ])

    /// The capabilities of every venue Edgewise trades, in display order.
    public static let all: [VenueCapabilities] = [.polymarket, .kalshi, .manifold]

    public static func of(_ venue: VenueID) -> VenueCapabilities? { all.first { $0.venue == venue } }
}
