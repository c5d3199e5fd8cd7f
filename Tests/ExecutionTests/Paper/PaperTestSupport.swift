import EdgewiseCore
import EdgewiseExecution

/// A binary market's two outcomes on the paper venue.
let paperYes = InstrumentID(venue: .polymarket, token: "paper-yes")
let paperNo = InstrumentID(venue: .polymarket, token: "paper-no")

/// A fee of `2% × p × (1 − p)` per share, rounded up to the millionth: it depends on the price,
/// so a test sees that each level's fill is charged at its own price.
let paperTakerFee = PaperFeeFunction { size, price in
    let numerator = Int128(size.units) * Int128(price.units) * Int128(FixedPoint.unitsPerWhole - price.units)
    return Amount(units: Int64(FixedPoint.divide(numerator, 50 * 1_000_000_000_000, .up)))
}

/// YES on its own book, NO through YES mirrored; tick 0.01, minimum 5 shares, two decimals;
/// makers pay nothing.
let paperMarkets: [InstrumentID: PaperMarket] = [
    paperYes: PaperMarket(
        tickSize: Price("0.01")!, minimumSize: 5, sizeIncrement: Size("0.01")!, takerFees: paperTakerFee,
        makerFees: NoFees()),
    paperNo: PaperMarket(
        source: .complement(of: paperYes), tickSize: Price("0.01")!, minimumSize: 5, sizeIncrement: Size("0.01")!,
        takerFees: paperTakerFee, makerFees: NoFees()),
]

func paperTime(_ seconds: Int64) -> Timestamp { Timestamp(seconds: 1_750_000_000 + seconds) }

func paperSnapshot(bids: [BookLevel], asks: [BookLevel], instrument: InstrumentID = paperYes) -> MarketDataEvent {
    .bookSnapshot(BookSnapshot(instrument: instrument, bids: bids, asks: asks))
}

func paperDelta(_ changes: [BookChange], instrument: InstrumentID = paperYes) -> MarketDataEvent {
    .bookDelta(BookDelta(instrument: instrument, changes: changes))
}

func paperTrade(_ price: String, _ size: Int64, aggressor: OrderSide?, instrument: InstrumentID = paperYes)
    -> MarketDataEvent
{
    .trade(
        TradeTick(
            instrument: instrument, price: Price(price)!, size: Size(integerLiteral: size), aggressor: aggressor,
            venueTimestamp: nil))
}

func paperOrder(
    _ id: String, _ side: OrderSide, _ price: String, _ size: Int64, _ tif: TimeInForce = .goodTillCancelled,
    postOnly: Bool = false, instrument: InstrumentID = paperYes, at seconds: Int64 = 0
) -> Order {
    Order(
        id: ClientOrderID(id), instrument: instrument, side: side, limitPrice: Price(price)!,
        size: Size(integerLiteral: size), timeInForce: tif, postOnly: postOnly, createdAt: paperTime(seconds))
}

/// A broker holding the YES book: bids 0.38 × 100, 0.37 × 200; asks 0.40 × 100, 0.41 × 50,
/// 0.42 × 200.
func paperBroker() -> PaperBroker {
    var broker = PaperBroker(markets: paperMarkets)
    let events = broker.apply(
        paperSnapshot(
            bids: [level("0.38", 100), level("0.37", 200)],
            asks: [level("0.40", 100), level("0.41", 50), level("0.42", 200)]),
        receivedAt: paperTime(0))
    precondition(events.isEmpty)
    return broker
}

extension Array where Element == PaperOrderEvent {
    var fills: [Fill] { compactMap(\.fill) }
}
