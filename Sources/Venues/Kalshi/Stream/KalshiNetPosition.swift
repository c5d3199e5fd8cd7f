import EdgewiseCore

/// A Kalshi position as the venue reports it: one signed count, positive for YES contracts and
/// negative for NO (`post_position_fp: "-12.00"` means 12 NO contracts). Kept signed because
/// that is the venue's statement; ``side`` and ``size`` give the long-only view Core uses.
public struct KalshiNetPosition: Hashable, Sendable, CustomStringConvertible {
    /// Millionths of a contract, signed.
    public let units: Int64

    public init(units: Int64) { self.units = units }

    /// YES for a positive position, NO for a negative one, nil when flat.
    public var side: KalshiSide? { units > 0 ? .yes : units < 0 ? .no : nil }
    /// The number of contracts held on ``side``.
    public var size: Size { Size(units: units.magnitude > UInt64(Int64.max) ? Int64.max : Int64(units.magnitude)) }
    public var isFlat: Bool { units == 0 }

    public var description: String { FixedPoint.format(units) }
}
