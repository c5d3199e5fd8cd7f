import EdgewiseCore

/// One child order of a TWAP: its place in the schedule, when it is due and its size.
public struct TWAPSlice: Hashable, Sendable {
    public var index: Int
    public var due: Timestamp
    public var size: Size
}

/// A size worked in equal slices at equal intervals: slice `i` of `n` is due at
/// `start + i × duration / n` (the first at once). Sizes are on the step, the remainder goes in
/// the last slice, and when `n` equal slices would fall below the smallest order there are fewer.
public struct TWAPSchedule: Hashable, Sendable {
    public let slices: [TWAPSlice]

    public init(
        total: Size, slices count: Int, start: Timestamp, duration: Duration, sizeStep: Size,
        minimumSize: Size = .zero
    ) throws(TacticRefusal) {
        precondition(sizeStep.units > 0, "the size step must be positive")
        guard duration >= .zero else { throw .negativeDuration }
        let sizes = try splitEvenly(total, parts: count, step: sizeStep, smallest: minimumSize)
        let (seconds, attoseconds) = duration.components
        let span = Int128(seconds) * 1_000_000_000 + Int128(attoseconds / 1_000_000_000)
        let n = Int128(sizes.count)
        slices = sizes.enumerated().map { index, size in
            TWAPSlice(
                index: index, due: Timestamp(nanoseconds: start.nanoseconds + Int64(span * Int128(index) / n)),
                size: size)
        }
    }

    public var total: Size { Size(units: slices.reduce(0) { $0 + $1.size.units }) }

    /// The slices due at `now` that are not among the first `sent`.
    public func due(at now: Timestamp, alreadySent sent: Int) -> [TWAPSlice] {
        slices.dropFirst(sent).filter { $0.due <= now }
    }

    /// The next slice's due time after the first `sent`, for a strategy's timer.
    public func nextDue(alreadySent sent: Int) -> Timestamp? {
        sent < slices.count ? slices[sent].due : nil
    }
}
