import EdgewiseCore

/// Why an idea gets no size, and what would change that.
public enum SizingDecline: Error, Hashable, Sendable, CustomStringConvertible {
    /// The estimate has no calibrated probability: fit a calibration map for the model first.
    case notCalibrated
    /// The probability is NaN, infinite or not strictly inside (0, 1).
    case probabilityOutOfRange(Double)
    /// Nobody offers the outcome: wait for liquidity (or rest a limit order, which is not sizing).
    case emptyBook
    /// Fair value at or below the best offer: the market already prices the belief, or better.
    case noEdgeAtBestPrice(fairValue: Price, bestOffer: Price)
    /// A raw edge exists at the best offer but the fee on it takes all of it.
    case edgeEatenByFees(grossEdgePerShare: Price, feePerShare: Price)
    /// What is left after fees (and slippage, for the sized amount) is under the configured
    /// minimum edge per share or minimum return.
    case edgeBelowMinimum(netEdgePerShare: Amount, minimumPerShare: Price, minimumReturnBasisPoints: Int)
    /// The confidence tiers admit no tier for this edge and uncertainty.
    case noConfidenceTier(netEdgePerShare: Amount, uncertainty: Double?)
    /// The size left after every cap and the venue's step is under the venue's minimum order;
    /// `boundBy` names what held it there (raise that, or skip the idea).
    case belowVenueMinimum(size: Size, minimum: Size, boundBy: SizingBound)
    /// The method or the limits cannot be used as configured.
    case invalidConfiguration(SizingConfigurationError)

    public var description: String {
        switch self {
        case .notCalibrated:
            "no calibrated probability; fit a calibration for the model before sizing"
        case .probabilityOutOfRange(let p):
            "probability \(p) is not strictly inside (0, 1); check the model's output"
        case .emptyBook:
            "no offers to buy; wait for liquidity"
        case .noEdgeAtBestPrice(let fair, let best):
            "no edge: fair value \(fair) ≤ best offer \(best)"
        case .edgeEatenByFees(let gross, let fee):
            "the edge \(gross) per share at the best offer is eaten by the fee \(fee) per share"
        case .edgeBelowMinimum(let net, let minimum, let bps):
            "net edge \(net) per share after fees and slippage is under the minimum (\(minimum) per share, \(bps) bp)"
        case .noConfidenceTier(let net, let uncertainty):
            "no confidence tier admits net edge \(net) per share with uncertainty \(uncertainty.map { "\($0)" } ?? "unknown")"
        case .belowVenueMinimum(let size, let minimum, let bound):
            "size \(size) (bound by \(bound)) is under the venue minimum \(minimum)"
        case .invalidConfiguration(let error):
            "sizing configuration: \(error)"
        }
    }
}
