import EdgewiseCore
import EdgewiseExecution

/// A fee of a fixed amount per share, rounded up: easy to check by hand.
struct FlatRoutingFee: FeeModel {
    let perShare: Price
    func takerFee(size: Size, price: Price) -> Amount { perShare.cost(of: size, .up) }
}

func routingInstrument(_ venue: String, _ token: String = "yes") -> InstrumentID {
    InstrumentID(venue: VenueID(venue), token: TokenID(token))
}

func testRoute(
    _ venue: String, asks: [BookLevel], fee: String = "0", minimum: Int64 = 0, step: String = "1", tick: String = "0.01"
) -> Route {
    Route(
        instrument: routingInstrument(venue), marketID: MarketID("\(venue)-m"), offers: asks,
        terms: RouteTerms(
            fees: FlatRoutingFee(perShare: Price(fee)!),
            grid: OrderGrid(tick: Price(tick)!, minimumSize: Size(integerLiteral: minimum), sizeStep: Size(step)!)))
}
