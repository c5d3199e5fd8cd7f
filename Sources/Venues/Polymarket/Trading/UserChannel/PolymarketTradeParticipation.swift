import EdgewiseCore

/// Our share of a trade: one of our orders, the side, size and price at which it executed. A
/// trade report names every order in the match, most of them other people's; only our part
/// may ever reach the journal.
public struct PolymarketTradeParticipation: Sendable, Hashable {
    public var tradeID: String
    public var orderID: VenueOrderID
    public var liquidity: Liquidity
    public var instrument: InstrumentID
    public var side: OrderSide
    public var price: Price
    public var size: Size
    /// The fee rate the venue stated for this part, unconverted: the amount depends on the fee
    /// model of the exchange version, which the trade report does not carry.
    public var feeRateBps: String?
    public var time: Timestamp

    public init(
        tradeID: String, orderID: VenueOrderID, liquidity: Liquidity, instrument: InstrumentID, side: OrderSide, price: Price,
        size: Size, feeRateBps: String? = nil, time: Timestamp
    ) {
        self.tradeID = tradeID
        self.orderID = orderID
        self.liquidity = liquidity
        self.instrument = instrument
        self.side = side
        self.price = price
        self.size = size
        self.feeRateBps = feeRateBps
        self.time = time
    }

    /// One execution of one order: the trade id alone is not unique to us (a trade of two of our
    /// orders, taker and maker, is two fills), and the venue reports the same trade at every
    /// settlement step, so this id is what makes recording idempotent.
    public var fillID: FillID { FillID("\(tradeID):\(orderID.rawValue)") }

    /// The fill to journal. The fee is zero: see ``feeRateBps``.
    public func fill(clientOrderID: ClientOrderID?) -> Fill {
        Fill(
            id: fillID, clientOrderID: clientOrderID, venueOrderID: orderID, instrument: instrument, side: side, price: price,
            size: size, liquidity: liquidity, time: time)
    }
}

extension PolymarketUserTrade {
    /// Our parts of this trade.
    ///
    /// A maker order is ours when its `owner` is our API key or its id is one of ours. The taker
    /// order is ours when its id is one of ours, when the venue says we were the taker
    /// (`trader_side`), or when the report is addressed to our key and none of the makers is
    /// ours — the user channel only reports trades we are in. The trade's own `owner` alone does
    /// not make us the taker: the venue sets it to our key on reports where we only made.
    ///
    /// - Parameter fallbackTime: used when the report carries no time at all.
    public func participations(
        apiKey: String, fallbackTime: Timestamp, isOurOrder: (VenueOrderID) -> Bool
    ) -> [PolymarketTradeParticipation] {
        let time = executionTime ?? fallbackTime
        var ours: [PolymarketTradeParticipation] = []
        let ourMakers = makerOrders.filter { $0.owner == apiKey || isOurOrder($0.orderID) }
        let takerIsOurs: Bool
        if isOurOrder(takerOrderID) || traderSide == .taker {
            takerIsOurs = true
        } else if traderSide == nil, owner == apiKey {
            takerIsOurs = ourMakers.isEmpty
        } else {
            takerIsOurs = false
        }
        if takerIsOurs {
            ours.append(PolymarketTradeParticipation(
                tradeID: id, orderID: takerOrderID, liquidity: .taker, instrument: InstrumentID(venue: .polymarket, token: token),
                side: side, price: price, size: size, feeRateBps: feeRateBps, time: time))
        }
        for maker in ourMakers where !(takerIsOurs && maker.orderID == takerOrderID) {
            ours.append(PolymarketTradeParticipation(
                tradeID: id, orderID: maker.orderID, liquidity: .maker, instrument: InstrumentID(venue: .polymarket, token: maker.token),
                side: maker.side ?? makerSide(for: maker), price: maker.price, size: maker.matchedAmount,
                feeRateBps: maker.feeRateBps ?? feeRateBps, time: time))
        }
        return ours
    }

    /// A maker in the taker's token took the other side. A maker in the complementary token
    /// was matched the same way round: two buys mint a full set, two sells merge one.
    func makerSide(for maker: MakerOrder) -> OrderSide {
        maker.token == token ? side.opposite : side
    }
}
