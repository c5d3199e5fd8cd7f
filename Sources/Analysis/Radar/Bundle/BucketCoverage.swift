import Foundation

/// How a family of numeric ranges on one quantity covers the line: the stretches no range holds
/// (gaps) and the stretches more than one holds (overlaps). Only a family with neither is a
/// partition — exactly one of its markets resolves YES whatever the value.
///
/// It reads the ranges on a continuous line. That is the conservative reading: a gap that holds
/// no whole number (for a quantity reported in whole units) is still reported, which can cost a
/// missed trade but never turns a non-partition into a partition.
public struct BucketCoverage: Hashable, Sendable {
    public var gaps: [NumericInterval]
    public var overlaps: [NumericInterval]

    public init(_ intervals: [NumericInterval]) {
        var gaps: [NumericInterval] = []
        var overlaps: [NumericInterval] = []
        for cell in IntervalCell.cells(cutting: intervals) {
            let holders = intervals.reduce(0) { $0 + ($1.covers(cell) ? 1 : 0) }
            if holders == 0 { Self.append(cell.interval, to: &gaps) }
            if holders > 1 { Self.append(cell.interval, to: &overlaps) }
        }
        self.gaps = gaps
        self.overlaps = overlaps
    }

    /// Exactly one range holds every value.
    public var isPartition: Bool { gaps.isEmpty && overlaps.isEmpty }
    /// At most one range holds any value.
    public var isMutuallyExclusive: Bool { overlaps.isEmpty }

    /// Adjacent cells join into one stretch so a report reads `[80, 81)`, not three cells.
    private static func append(_ interval: NumericInterval, to list: inout [NumericInterval]) {
        if var last = list.last, last.upper != nil, last.upper == interval.lower,
            last.upperInclusive != interval.lowerInclusive
        {
            last.upper = interval.upper
            last.upperInclusive = interval.upperInclusive
            list[list.count - 1] = last
        } else {
            list.append(interval)
        }
    }
}
