import EdgewiseCore

/// What one market accepts as an order: the price tick, the smallest order and the size step.
/// Routing and every tactic put prices and sizes on this grid before anything is sent.
public struct OrderGrid: Hashable, Sendable {
    /// Limit prices must be multiples of this and lie in `[tick, 1 − tick]`.
    public var tick: Price
    /// The smallest order the market takes (zero when only the step applies).
    public var minimumSize: Size
    /// Sizes must be multiples of this (1 for whole contracts, 0.01 for Polymarket shares).
    public var sizeStep: Size

    public init(tick: Price, minimumSize: Size = .zero, sizeStep: Size) {
        precondition(tick.units > 0, "the tick must be positive")
        precondition(sizeStep.units > 0, "the size step must be positive")
        self.tick = tick
        self.minimumSize = minimumSize
        self.sizeStep = sizeStep
    }

    /// The smallest size an order may have: the minimum rounded up to the step, and at least one step.
    public var smallestOrder: Size {
        Size(units: max(minimumSize.rounded(toMultipleOf: sizeStep, .up).units, sizeStep.units))
    }

    /// `size` rounded down to the step.
    public func floor(_ size: Size) -> Size { size.rounded(toMultipleOf: sizeStep, .down) }

    /// Whether an order of `size` may be sent: on the step and not below the smallest order.
    public func allows(_ size: Size) -> Bool { size.isMultiple(of: sizeStep) && size >= smallestOrder }

    /// The nearest price on the tick that is no better for the trader than `price` would be on
    /// `side` (up for a buy, down for a sell), kept inside `[tick, 1 − tick]`.
    public func limit(_ price: Price, for side: OrderSide) -> Price {
        let rounded = price.rounded(toMultipleOf: tick, side == .buy ? .up : .down)
        return clamp(rounded)
    }

    /// `price` kept inside `[tick, 1 − tick]`.
    public func clamp(_ price: Price) -> Price {
        let highest = Price(units: FixedPoint.unitsPerWhole - tick.units)
        return min(max(price, tick), highest)
    }
}
