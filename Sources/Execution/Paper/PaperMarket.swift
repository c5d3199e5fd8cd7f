import EdgewiseCore

/// Which book an order on an instrument is matched against.
///
/// Venues and the radar often keep only the YES book of a binary market. Buying NO at `q` is the
/// same trade as selling YES at `1 − q` (and selling NO at `q` is buying YES at `1 − q`), so an
/// order on a NO instrument whose own book is not kept is matched against the YES book turned
/// around: a NO buy at limit `q` takes YES bids priced `≥ 1 − q` and, if it rests, waits in the
/// YES ask queue at `1 − q`; every fill is reported on the NO instrument at `1 − (YES price)`.
/// This is the mirror of `OrderBook.complementOffersToBuy` in the radar.
///
/// Consumed liquidity and queue positions are tracked on the book that holds the liquidity, so a
/// YES sell and a NO buy routed to the same YES book never take the same displayed size twice.
/// Do not route one outcome through its complement while also feeding that outcome's own
/// (mirrored) book: the two would be matched as independent liquidity.
public enum PaperBookSource: Hashable, Sendable {
    /// The instrument's own book, as the market-data events deliver it.
    case own
    /// The complementary outcome's book, read mirrored (`1 − price`, sides swapped).
    case complement(of: InstrumentID)
}

/// A fee model given as a function, for a venue's maker schedule (FeeModel only names the taker
/// fee) or for tests.
public struct PaperFeeFunction: FeeModel {
    private let fee: @Sendable (Size, Price) -> Amount

    public init(_ fee: @escaping @Sendable (_ size: Size, _ price: Price) -> Amount) { self.fee = fee }

    public func takerFee(size: Size, price: Price) -> Amount { fee(size, price) }
}

/// What the paper broker needs to know about one instrument to accept and fill orders on it as
/// the venue would.
public struct PaperMarket: Sendable {
    /// Where the liquidity for orders on this instrument is read.
    public var source: PaperBookSource
    /// The price grid; nil takes the tick the book's snapshots carry. Limit prices must lie on it
    /// and within `[tick, 1 − tick]`.
    public var tickSize: Price?
    /// The smallest order the market accepts (Polymarket's per-market minimum, often 5 shares).
    public var minimumSize: Size?
    /// The size grid (0.01 for sizes with two decimals, 1 for whole contracts); nil accepts any.
    public var sizeIncrement: Size?
    /// The fee of a fill that takes liquidity.
    public var takerFees: any FeeModel
    /// The fee of a resting order's fill (its `takerFee(size:price:)` is read as the maker fee).
    /// Nil charges the taker fee, which can only overstate what a maker pays.
    public var makerFees: (any FeeModel)?

    public init(
        source: PaperBookSource = .own, tickSize: Price? = nil, minimumSize: Size? = nil, sizeIncrement: Size? = nil,
        takerFees: any FeeModel, makerFees: (any FeeModel)? = nil
    ) {
        self.source = source
        self.tickSize = tickSize
        self.minimumSize = minimumSize
        self.sizeIncrement = sizeIncrement
        self.takerFees = takerFees
        self.makerFees = makerFees
    }

    func fee(_ liquidity: Liquidity, size: Size, price: Price) -> Amount {
        switch liquidity {
        case .taker: takerFees.takerFee(size: size, price: price)
        case .maker: (makerFees ?? takerFees).takerFee(size: size, price: price)
        }
    }
}

/// Why the paper broker refused an order, as a venue would have. The order's `.rejected` event
/// carries the ``description``.
public enum PaperRejection: Error, Hashable, Sendable, CustomStringConvertible {
    case duplicateOrder(ClientOrderID)
    case notNew(ClientOrderID, OrderStatus)
    case unknownInstrument(InstrumentID)
    case noBook(InstrumentID)
    case emptySize
    case offTick(price: Price, tick: Price)
    case priceOutOfRange(Price)
    case belowMinimum(size: Size, minimum: Size)
    case offSizeGrid(size: Size, increment: Size)
    case postOnlyWouldCross(side: OrderSide, limit: Price, against: Price)
    case postOnlyNotResting
    case expiryPassed(expiry: Timestamp, now: Timestamp)

    public var description: String {
        switch self {
        case .duplicateOrder(let id): "order \(id) was already submitted"
        case .notNew(let id, let status): "order \(id) is \(status.rawValue), not a new order"
        case .unknownInstrument(let i): "\(i) is not a market the paper broker was configured for"
        case .noBook(let i):
            "no synchronized book for \(i); the paper broker never fills against a book it does not have"
        case .emptySize: "the order size must be positive"
        case .offTick(let price, let tick): "price \(price) is not on the market's tick of \(tick)"
        case .priceOutOfRange(let price): "price \(price) is outside the market's tradable range"
        case .belowMinimum(let size, let minimum): "size \(size) is below the market's minimum order of \(minimum)"
        case .offSizeGrid(let size, let increment): "size \(size) is not a multiple of \(increment)"
        case .postOnlyWouldCross(let side, let limit, let against):
            "post-only \(side.rawValue) at \(limit) would cross the best \(side == .buy ? "ask" : "bid") at \(against)"
        case .postOnlyNotResting: "a post-only order must be allowed to rest (GTC or GTD)"
        case .expiryPassed(let expiry, let now): "expiry \(expiry) is not after now (\(now))"
        }
    }
}

/// One order event as the paper venue reports it, addressed to its order so that an order manager
/// can apply it exactly as a real venue's report.
public struct PaperOrderEvent: Hashable, Sendable {
    public var order: ClientOrderID
    public var event: OrderEvent

    public init(order: ClientOrderID, event: OrderEvent) {
        self.order = order
        self.event = event
    }

    /// The fill, for a `.filled` event.
    public var fill: Fill? {
        if case .filled(let fill) = event { return fill }
        return nil
    }
}
