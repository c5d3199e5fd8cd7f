import EdgewiseCore

/// The one door from Manifold's floating-point figures to the Core fixed-point money types.
///
/// Manifold sends mana and share counts as JSON doubles with up to 17 significant digits, which six
/// decimal places cannot hold, so every conversion rounds, and the caller names the direction.
/// The convention for callers: round what we pay or owe **up** and what we receive or hold
/// **down**, so that a rounded figure never promises more than the venue will give.
///
/// Before the directed rounding, a value within 10⁻⁶ of a millionth (10⁻¹² mana) is snapped to
/// that millionth: `0.3 × 10⁶` is `300000.00000000006` in binary, and rounding that up to 0.300001
/// would be an artefact of the representation, not of the amount.
public enum ManifoldMoney {
    /// Why a double could not become money.
    public enum ConversionError: Error, Equatable, Sendable, CustomStringConvertible {
        case notFinite
        case outOfRange(Double)
        case negative(Double)

        public var description: String {
            switch self {
            case .notFinite: "not a finite number"
            case .outOfRange(let value): "\(value) is too large for a fixed-point value"
            case .negative(let value): "\(value) is negative where only non-negative values are allowed"
            }
        }
    }

    /// `value` in millionths, rounded by `rule` after snapping representation noise.
    public static func units(_ value: Double, _ rule: Rounding) throws(ConversionError) -> Int64 {
        guard value.isFinite else { throw .notFinite }
        let scaled = value * Double(FixedPoint.unitsPerWhole)
        let nearest = scaled.rounded(.toNearestOrAwayFromZero)
        let rounded: Double
        if abs(scaled - nearest) < 1e-6 {
            rounded = nearest
        } else {
            switch rule {
            case .down: rounded = scaled.rounded(.down)
            case .up: rounded = scaled.rounded(.up)
            case .halfUp: rounded = nearest
            case .towardZero: rounded = scaled.rounded(.towardZero)
            }
        }
        guard let units = Int64(exactly: rounded) else { throw .outOfRange(value) }
        return units
    }

    /// Mana as an ``Amount``.
    public static func amount(_ mana: Double, _ rule: Rounding) throws(ConversionError) -> Amount {
        Amount(units: try units(mana, rule))
    }

    /// A share count as a ``Size`` (never negative).
    public static func size(_ shares: Double, _ rule: Rounding) throws(ConversionError) -> Size {
        let units = try units(shares, rule)
        guard units >= 0 else { throw .negative(shares) }
        return Size(units: units)
    }

    /// A probability as a ``Price`` in [0, 1].
    public static func price(_ probability: Double, _ rule: Rounding) throws(ConversionError) -> Price {
        let units = try units(probability, rule)
        guard units >= 0 else { throw .negative(probability) }
        guard units <= FixedPoint.unitsPerWhole else { throw .outOfRange(probability) }
        return Price(units: units)
    }
}
