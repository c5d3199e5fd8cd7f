import EdgewiseCore
import EdgewiseDecision

/// A Polymarket-shaped taker fee for tests: `size × rate × p(1 − p)`, rounded up to the millionth.
struct CurvedFee: FeeModel {
    var rate: Price

    func takerFee(size: Size, price: Price) -> Amount {
        let product = Int128(size.units) * Int128(rate.units) * Int128(price.units) * Int128(price.complement.units)
        let scale = Int128(FixedPoint.unitsPerWhole)
        return Amount(units: Int64(FixedPoint.divide(product, scale * scale * scale, .up)))
    }
}

/// A fixed fee per share, rounded up.
struct PerShareFee: FeeModel {
    var perShare: Price

    func takerFee(size: Size, price: Price) -> Amount { perShare.cost(of: size, .up) }
}

func amount(_ text: String) -> Amount { Amount(text)! }
func price(_ text: String) -> Price { Price(text)! }
func size(_ text: String) -> Size { Size(text)! }

/// Sizes a buy of YES (unless told otherwise) with the given method and limits.
func sizing(
    _ method: SizingMethod, p: Double?, uncertainty: Double? = nil, buying: BinaryOutcome = .yes, offers: [BookLevel],
    fees: any FeeModel = NoFees(), limits: SizingLimits
) -> SizingResult {
    ExecutionAwareSizer(method: method, limits: limits)
        .size(SizingRequest(probabilityOfYes: p, uncertainty: uncertainty, buying: buying, offers: offers, fees: fees))
}

/// Limits wide enough not to bind unless a test says so.
func wideLimits(
    bankroll: Amount = 1000, perOrderCap: Amount = 100_000, minimumEdge: Price = Price(units: 10_000),
    minimumSize: Size = 1, sizeStep: Size = 1
) -> SizingLimits {
    SizingLimits(
        bankroll: bankroll, perOrderCap: perOrderCap, minimumEdgePerShare: minimumEdge, minimumSize: minimumSize,
        sizeStep: sizeStep)
}

/// The test's own oracle for what buying `shares` costs: notional rounded up once, fee per level.
func oracleSpend(_ offers: [BookLevel], shares: Size, fees: any FeeModel) -> Amount? {
    var remaining = shares.units
    var notional: Int128 = 0
    var fee = Amount.zero
    for level in offers.sorted(by: { $0.price < $1.price }) where remaining > 0 {
        let take = min(remaining, level.size.units)
        notional += Int128(take) * Int128(level.price.units)
        fee += fees.takerFee(size: Size(units: take), price: level.price)
        remaining -= take
    }
    guard remaining == 0 else { return nil }
    return Amount(units: Int64(FixedPoint.divide(notional, Int128(FixedPoint.unitsPerWhole), .up))) + fee
}
