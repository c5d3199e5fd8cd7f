import EdgewiseCore

/// Kalshi's trading fee for one order, from its series' fee structure.
///
/// Formula (Kalshi fee schedule, kalshi.com/docs/kalshi-fee-schedule.pdf, as referenced by the
/// OpenAPI 3.13.0 `Series.fee_type` description; rates from the project brief because the
/// shared reference does not quote them):
///
///     fee = round_up_to_cent(rate × fee_multiplier × C × P × (1 − P))
///
/// where C is the order's contract count and P its price in dollars. `quadratic` series use the
/// general rate 0.07 for takers and charge makers nothing; `quadratic_with_maker_fees` also
/// charges makers at 0.0175. The fee is rounded up to the next cent per order, not per
/// contract, which is why it is computed for the whole order at once.
///
/// Assumption: `flat` series follow the schedule's "specific trading fees" table, which is not
/// in the reference; their rates must be supplied with ``init(takerRate:makerRate:multiplier:)``
/// rather than guessed, so ``init(series:)`` refuses them.
///
/// Everything is integer arithmetic on millionths in 128 bits; nothing passes through `Double`.
public struct KalshiFeeSchedule: Sendable, Hashable {
    /// 0.07, in millionths.
    public static let generalTakerRate = Amount(units: 70_000)
    /// 0.0175, in millionths.
    public static let generalMakerRate = Amount(units: 17_500)

    /// The per-contract rate applied to `P × (1 − P)` for takers.
    public var takerRate: Amount
    /// The same for makers; nil where makers pay nothing.
    public var makerRate: Amount?
    /// The series' `fee_multiplier` (1 for most series).
    public var multiplier: Amount

    public init(takerRate: Amount, makerRate: Amount?, multiplier: Amount = 1) {
        self.takerRate = takerRate
        self.makerRate = makerRate
        self.multiplier = multiplier
    }

    public init(series: KalshiSeries) throws(KalshiFeeScheduleError) {
        let multiplier: Amount
        do {
            guard let parsed = try series.feeMultiplier.value(Amount.self), parsed.units >= 0 else {
                throw KalshiFeeScheduleError.invalidMultiplier(series: series.ticker, text: series.feeMultiplier.text)
            }
            multiplier = parsed
        } catch let error as KalshiFeeScheduleError {
            throw error
        } catch {
            throw .invalidMultiplier(series: series.ticker, text: series.feeMultiplier.text)
        }
        switch series.feeType {
        case .quadratic:
            self.init(takerRate: Self.generalTakerRate, makerRate: nil, multiplier: multiplier)
        case .quadraticWithMakerFees:
            self.init(takerRate: Self.generalTakerRate, makerRate: Self.generalMakerRate, multiplier: multiplier)
        case .flat, .unknown:
            throw .unsupportedFeeType(series: series.ticker, feeType: series.feeType.wire)
        }
    }

    /// The fee of an order that takes liquidity.
    public func takerFee(count: Size, price: Price) -> Amount {
        Self.fee(rate: takerRate, multiplier: multiplier, count: count, price: price)
    }

    /// The fee of a resting order when it fills (zero where makers pay nothing).
    public func makerFee(count: Size, price: Price) -> Amount {
        guard let makerRate else { return .zero }
        return Self.fee(rate: makerRate, multiplier: multiplier, count: count, price: price)
    }

    public func fee(count: Size, price: Price, isTaker: Bool) -> Amount {
        isTaker ? takerFee(count: count, price: price) : makerFee(count: count, price: price)
    }

    /// `ceil_to_cent(rate × multiplier × C × P × (1 − P))`. All five factors are millionths, so
    /// the exact product is over 10^30 dollars, i.e. 10^28 cents. It fits 128 bits for orders up
    /// to 10^9 contracts at multiplier 1, far beyond any real order.
    static func fee(rate: Amount, multiplier: Amount, count: Size, price: Price) -> Amount {
        guard count.units > 0, price.isInsideUnitInterval, rate.units > 0, multiplier.units > 0 else { return .zero }
        let factors: [Int128] = [
            Int128(rate.units), Int128(multiplier.units), Int128(count.units), Int128(price.units), Int128(price.complement.units),
        ]
        var product: Int128 = 1
        for factor in factors {
            let (next, overflow) = product.multipliedReportingOverflow(by: factor)
            precondition(!overflow, "Kalshi fee of \(count) contracts overflows 128 bits")
            product = next
        }
        var centDenominator: Int128 = 1
        for _ in 0..<28 { centDenominator *= 10 }
        let cents = FixedPoint.divide(product, centDenominator, .up)
        return Amount(units: Int64(cents) * (FixedPoint.unitsPerWhole / 100))
    }
}

/// Why a series' fee schedule could not be built.
public enum KalshiFeeScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    case unsupportedFeeType(series: String, feeType: String)
    case invalidMultiplier(series: String, text: String)

    public var description: String {
        switch self {
        case .unsupportedFeeType(let series, let feeType):
            "series \(series) has fee type '\(feeType)', whose rates this client does not know; "
                + "supply them with KalshiFeeSchedule(takerRate:makerRate:multiplier:) from Kalshi's fee schedule"
        case .invalidMultiplier(let series, let text):
            "series \(series) has fee_multiplier '\(text)', which is not an exact non-negative decimal of at most 6 places"
        }
    }
}
