import EdgewiseCore

/// The resting limit orders of a binary market (or of one answer of a multiple-choice market) as
/// order books of its YES and NO tokens, with the market maker's probability beside them.
///
/// How a Manifold limit order becomes a level: an order names an outcome, a probability `p`
/// (`limitProb`) and mana; it buys that outcome's shares whenever the market can be moved to `p`.
/// - A YES order at `p` buys YES shares at `p` each: a **bid for YES at p**. Its remaining mana
///   `orderAmount − amount` buys `remaining / p` shares.
/// - A NO order at `p` buys NO shares at `1 − p` each, and is filled when a YES buyer pushes the
///   probability up to `p`: each pair of YES+NO shares is minted for one mana, the YES buyer
///   paying `p` and the NO order `1 − p`. So it is an **ask for YES at p**, of as many YES shares
///   as it can buy NO shares: `remaining / (1 − p)`.
///
/// The NO token's book is the mirror: a YES bid at `p` is an ask for NO at `1 − p`, a YES ask
/// a NO bid, with the same share counts.
///
/// The AMM sits behind this book: a taker first fills the limit orders that cross its price,
/// then trades with the pool, whose marginal price is ``poolProbability``. The pool offers
/// liquidity at every price, so the book alone understates what can be traded; a level of the
/// book between the pool's probability and the taker's limit is what the taker meets first.
///
/// Only open orders count: not filled, not cancelled, and — when `now` is given — not expired
/// (the venue sweeps expired orders lazily). Orders of other markets or answers are ignored.
///
/// Sizes are rounded **down** per order (an order never promises more than it can fill) and then
/// summed per price level; prices are the orders' whole-percent probabilities.
public struct ManifoldLimitOrderBook: Sendable, Hashable {
    public var contractId: String
    public var answerId: String?
    public var yes: BookSnapshot
    public var no: BookSnapshot
    /// P(YES) of the market maker (the binary pool, or the answer's pool), when known.
    public var poolProbability: Double?
    /// How many orders went into the books.
    public var orderCount: Int

    public init(
        contractId: String, answerId: String? = nil, orders: [ManifoldBet], poolProbability: Double? = nil,
        now: Timestamp? = nil
    ) throws(ManifoldMappingError) {
        self.contractId = contractId
        self.answerId = answerId
        self.poolProbability = poolProbability
        let yesToken: TokenID
        let noToken: TokenID
        if let answerId {
            yesToken = ManifoldMarket.token(market: contractId, answer: answerId, outcome: .yes)
            noToken = ManifoldMarket.token(market: contractId, answer: answerId, outcome: .no)
        } else {
            yesToken = ManifoldMarket.token(market: contractId, outcome: .yes)
            noToken = ManifoldMarket.token(market: contractId, outcome: .no)
        }
        var bids: [Price: Size] = [:]  // YES bids, by YES price
        var asks: [Price: Size] = [:]  // YES asks, by YES price
        var count = 0
        for order in orders {
            let open = now.map { order.isOpen(at: $0) } ?? order.isOpen
            guard open, order.contractId == nil || order.contractId == contractId, order.answerId == answerId else { continue }
            func fail(_ field: String, _ detail: String) -> ManifoldMappingError {
                ManifoldMappingError(record: contractId, field: "bet \(order.id).\(field)", detail: detail)
            }
            guard let probability = order.limitProb else { continue }
            guard let side = order.binaryOutcome else { throw fail("outcome", "is \(order.outcome ?? "missing"), not YES or NO") }
            guard let remaining = order.remainingMana else { throw fail("orderAmount", "is missing on a limit order") }
            let price: Price
            do { price = try ManifoldMoney.price(probability, .halfUp) } catch { throw fail("limitProb", error.description) }
            guard price.isInsideUnitInterval else { throw fail("limitProb", "\(probability) is not strictly between 0 and 1") }
            let perShare = side == .yes ? probability : 1 - probability
            let size: Size
            do { size = try ManifoldMoney.size(remaining / perShare, .down) } catch { throw fail("orderAmount", error.description) }
            guard size > .zero else { continue }
            count += 1
            if side == .yes { bids[price, default: .zero] += size } else { asks[price, default: .zero] += size }
        }
        orderCount = count
        func levels(_ side: [Price: Size], mirrored: Bool) -> [BookLevel] {
            side.map { BookLevel(price: mirrored ? $0.key.complement : $0.key, size: $0.value) }.sorted { $0.price < $1.price }
        }
        let tick = Manifold.limitProbabilityTick
        yes = BookSnapshot(
            instrument: InstrumentID(venue: .manifold, token: yesToken), bids: levels(bids, mirrored: false),
            asks: levels(asks, mirrored: false), venueTimestamp: now, tickSize: tick)
        no = BookSnapshot(
            instrument: InstrumentID(venue: .manifold, token: noToken), bids: levels(asks, mirrored: true),
            asks: levels(bids, mirrored: true), venueTimestamp: now, tickSize: tick)
    }

    /// The YES token's book.
    public var yesBook: OrderBook { OrderBook(snapshot: yes) }
    /// The NO token's book.
    public var noBook: OrderBook { OrderBook(snapshot: no) }

    /// The pool's probability as a price (rounded half-up; indicative, the pool moves as it trades).
    public var poolPrice: Price? { poolProbability.flatMap { try? ManifoldMoney.price($0, .halfUp) } }
}
