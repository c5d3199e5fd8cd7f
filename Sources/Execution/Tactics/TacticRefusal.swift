import EdgewiseCore

/// Why a tactic could not be laid out; nothing should be sent.
public enum TacticRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case zeroSize
    case offStep(Size, step: Size)
    /// Not even one order of the smallest allowed size fits.
    case belowMinimum(Size, smallest: Size)
    case invalidCount(Int)
    case negativeDuration
    case invalidRungSpacing(ticks: Int)
    /// A ladder rung would fall outside `[tick, 1 − tick]`.
    case rungOffGrid(index: Int)
    /// The fraction of a position to exit must be 1…10 000 basis points.
    case invalidFraction(basisPoints: Int)
    /// A stop at or above the take-profit would trigger both at once.
    case stopNotBelowTarget(stop: Price, target: Price)

    public var description: String {
        switch self {
        case .zeroSize: "the size is zero"
        case .offStep(let size, let step): "\(size) is not a multiple of the size step \(step)"
        case .belowMinimum(let size, let smallest): "\(size) is below the smallest order \(smallest)"
        case .invalidCount(let count): "\(count) is not a valid number of slices or rungs"
        case .negativeDuration: "the duration is negative"
        case .invalidRungSpacing(let ticks): "rungs must be at least one tick apart (\(ticks) given)"
        case .rungOffGrid(let index): "rung \(index) would be priced outside [tick, 1 − tick]"
        case .invalidFraction(let bps): "an exit fraction of \(bps) bp is outside 1…10000"
        case .stopNotBelowTarget(let stop, let target): "stop-loss \(stop) is not below take-profit \(target)"
        }
    }
}
