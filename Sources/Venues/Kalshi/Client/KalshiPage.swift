/// One page of a cursor-paged listing. `cursor` is nil on the last page (the venue sends `""`).
public struct KalshiPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var cursor: String?

    public init(items: [Item], cursor: String?) {
        self.items = items
        self.cursor = cursor
    }
}

extension KalshiPage: Equatable where Item: Equatable {}

