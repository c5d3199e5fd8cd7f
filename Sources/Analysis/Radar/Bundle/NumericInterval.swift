import Foundation

/// The set of observed values for which a numeric market resolves YES: an interval of the real
/// line with open or closed ends, either end possibly unbounded.
public struct NumericInterval: Hashable, Sendable, CustomStringConvertible {
    public var lower: Decimal?
    public var lowerInclusive: Bool
    public var upper: Decimal?
    public var upperInclusive: Bool

    public init(lower: Decimal?, lowerInclusive: Bool, upper: Decimal?, upperInclusive: Bool) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive && lower != nil
        self.upper = upper
        self.upperInclusive = upperInclusive && upper != nil
    }

    public init(_ condition: Proposition.Condition) {
        let bounds = condition.interval
        self.init(
            lower: bounds.lower, lowerInclusive: bounds.lowerInclusive, upper: bounds.upper,
            upperInclusive: bounds.upperInclusive)
    }

    /// Unbounded above ("above X", "X or more"): such markets fall as X rises.
    public var isUpperTail: Bool { lower != nil && upper == nil }
    /// Unbounded below ("below X"): such markets rise with X.
    public var isLowerTail: Bool { lower == nil && upper != nil }

    public func contains(_ value: Decimal) -> Bool {
        if let lower { if lowerInclusive ? value < lower : value <= lower { return false } }
        if let upper { if upperInclusive ? value > upper : value >= upper { return false } }
        return true
    }

    /// Whether the interval holds every value of `cell`, which never straddles an endpoint.
    func covers(_ cell: IntervalCell) -> Bool { contains(cell.representative) }

    public var description: String {
        let left = lower.map { (lowerInclusive ? "[" : "(") + "\($0)" } ?? "(-∞"
        let right = upper.map { "\($0)" + (upperInclusive ? "]" : ")") } ?? "+∞)"
        return left + ", " + right
    }
}

/// One piece of the line cut at every endpoint of a family of intervals: either an endpoint
/// itself or the open stretch between two consecutive endpoints. Every interval of the family
/// contains a cell entirely or not at all, so each cell is one joint outcome of the family.
struct IntervalCell: Hashable, Sendable {
    enum Shape: Hashable, Sendable {
        case point(Decimal)
        /// `(lower, upper)`, nil for an unbounded end.
        case open(Decimal?, Decimal?)
    }

    var shape: Shape

    /// A value inside the cell.
    var representative: Decimal {
        switch shape {
        case .point(let value): value
        case .open(nil, nil): 0
        case .open(nil, let upper?): upper - 1
        case .open(let lower?, nil): lower + 1
        case .open(let lower?, let upper?): (lower + upper) / 2
        }
    }

    var interval: NumericInterval {
        switch shape {
        case .point(let value): NumericInterval(lower: value, lowerInclusive: true, upper: value, upperInclusive: true)
        case .open(let lower, let upper): NumericInterval(lower: lower, lowerInclusive: false, upper: upper, upperInclusive: false)
        }
    }

    /// The cells of the line cut at every endpoint of `intervals`, in increasing order.
    static func cells(cutting intervals: [NumericInterval]) -> [IntervalCell] {
        let points = Set(intervals.flatMap { [$0.lower, $0.upper].compactMap { $0 } }).sorted()
        guard let first = points.first else { return [IntervalCell(shape: .open(nil, nil))] }
        var cells = [IntervalCell(shape: .open(nil, first))]
        for (index, point) in points.enumerated() {
            cells.append(IntervalCell(shape: .point(point)))
            let next = index + 1 < points.count ? points[index + 1] : nil
            cells.append(IntervalCell(shape: .open(point, next)))
        }
        return cells
    }
}
