import EdgewiseCore

/// One side of a book read best first, and how far an order of a given size walks it.
struct BookSideWalk: Sendable {
    /// Non-empty levels, best first: ascending for asks (a buy), descending for bids (a sell).
    let levels: [BookLevel]

    init(_ levels: [BookLevel], taking side: OrderSide) {
        var merged: [BookLevel] = []
        let sorted = levels.filter { $0.size.units > 0 }.sorted { side == .buy ? $0.price < $1.price : $0.price > $1.price }
        for level in sorted {
            if let last = merged.last, last.price == level.price {
                merged[merged.count - 1].size += level.size
            } else {
                merged.append(level)
            }
        }
        self.levels = merged
    }

    var best: Price? { levels.first?.price }

    /// The size shown at prices no worse than `bound` (all of it when nil).
    func depth(within bound: Price?, side: OrderSide) -> Size {
        var total: Int64 = 0
        for level in levels {
            if let bound, side == .buy ? level.price > bound : level.price < bound { break }
            total += level.size.units
        }
        return Size(units: total)
    }

    /// The worst price an order of `size` reaches; the last level when the side holds less.
    func worstPrice(for size: Size) -> Price? {
        var remaining = size.units
        var worst: Price?
        for level in levels {
            worst = level.price
            remaining -= level.size.units
            if remaining <= 0 { break }
        }
        return worst
    }
}

/// `total` split into at most `parts` orders on `step`, none below `smallest`: equal sizes
/// rounded down to the step with the remainder in the last; fewer parts when equal parts would
/// fall below the smallest order.
func splitEvenly(_ total: Size, parts: Int, step: Size, smallest: Size) throws(TacticRefusal) -> [Size] {
    guard total.units > 0 else { throw .zeroSize }
    guard parts > 0 else { throw .invalidCount(parts) }
    guard total.isMultiple(of: step) else { throw .offStep(total, step: step) }
    let steps = total.units / step.units
    let smallestSteps = max(1, (smallest.units + step.units - 1) / step.units)
    let count = min(Int64(parts), steps / smallestSteps)
    guard count > 0 else { throw .belowMinimum(total, smallest: Size(units: smallestSteps * step.units)) }
    let base = steps / count
    var sizes = [Size](repeating: Size(units: base * step.units), count: Int(count))
    sizes[sizes.count - 1] = Size(units: (steps - base * (count - 1)) * step.units)
    return sizes
}
