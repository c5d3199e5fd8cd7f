import EdgewiseCore

/// Book levels as Polymarket sends them (`[{price, size}]` decimal strings) in REST books and
/// WebSocket `book` events, parsed exactly, with the JSON path of a bad value for the error.
enum WireLevels {
    struct Failure: Error {
        var field: String
        var detail: String
    }

    /// `side` is the JSON key ("bids" or "asks"), used in error paths like `bids[1].price`.
    static func parse(_ levels: [(price: String, size: String)], side: String) throws(Failure) -> [BookLevel] {
        var parsed: [BookLevel] = []
        parsed.reserveCapacity(levels.count)
        for (index, level) in levels.enumerated() {
            parsed.append(BookLevel(
                price: try value(level.price, "\(side)[\(index)].price"), size: try value(level.size, "\(side)[\(index)].size")))
        }
        return parsed
    }

    private static func value<T: FixedPointDecimal>(_ text: String, _ field: String) throws(Failure) -> T {
        do { return try T(parsing: text) } catch { throw Failure(field: field, detail: error.description) }
    }
}
