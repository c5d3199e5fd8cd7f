import EdgewiseCore

/// A sizing method or limit that cannot be used as configured. Fix the configuration; nothing is
/// sized until then.
public enum SizingConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    case kellyMultiplierOutOfRange(Double)
    case nonPositiveAmount(field: String, Amount)
    case negativeUnitCount(Int)
    case noTiers
    case invalidUncertaintyBound(tier: String, Double)
    case nonPositiveSizeStep(Size)
    case negativeMinimumSize(Size)
    case negativeMinimumReturn(Int)

    public var description: String {
        switch self {
        case .kellyMultiplierOutOfRange(let value):
            "fractional Kelly multiplier \(value) must lie in (0, 1]; 0.1–0.25 is usual"
        case .nonPositiveAmount(let field, let amount):
            "\(field) is \(amount); set it to a positive amount"
        case .negativeUnitCount(let count):
            "unit count \(count) is negative; use 0 or more units"
        case .noTiers:
            "confidence tiers are empty; configure at least one tier with a cap"
        case .invalidUncertaintyBound(let tier, let value):
            "tier \(tier) has uncertainty bound \(value); use a finite non-negative value or none"
        case .nonPositiveSizeStep(let step):
            "size step \(step) must be positive; use the venue's lot size (1 share if unsure)"
        case .negativeMinimumSize(let size):
            "minimum size \(size) is negative"
        case .negativeMinimumReturn(let bps):
            "minimum return \(bps) bp is negative; use 0 to turn the check off"
        }
    }
}
