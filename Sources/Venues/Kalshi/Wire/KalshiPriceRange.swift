import EdgewiseCore

/// One band of a market's price grid (`price_ranges[i]`): valid prices run from `start` to `end`
/// in multiples of `step` counted from `start`.
public struct KalshiPriceRange: Codable, Sendable, Hashable {
    public var start: Price
    public var end: Price
    public var step: Price

    public init(start: Price, end: Price, step: Price) {
        self.start = start
        self.end = end
        self.step = step
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decode(Price.self, forKey: .start)
        end = try container.decode(Price.self, forKey: .end)
        step = try container.decode(Price.self, forKey: .step)
        // A zero step would make every price valid and every "nearest price" search loop.
        guard step.units > 0, start <= end else {
            throw DecodingError.dataCorruptedError(
                forKey: .step, in: container, debugDescription: "price range \(start)…\(end) step \(step) is not a usable grid")
        }
    }
}
