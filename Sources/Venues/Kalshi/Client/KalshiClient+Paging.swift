extension KalshiClient {
    /// The default cap on pages walked by the `all…` helpers: enough for every market of a busy
    /// series at 1000 per page, small enough that a venue bug cannot keep us paging forever.
    public static let defaultMaxPages = 50

    /// Walks a cursor-paged listing from `cursor` until the venue returns an empty cursor or
    /// `maxPages` pages were read. A cursor seen twice is an error rather than an endless loop.
    public func collect<Item: Sendable>(
        endpoint: String, from cursor: String? = nil, maxPages: Int = KalshiClient.defaultMaxPages,
        _ fetch: (String?) async throws(KalshiError) -> KalshiPage<Item>
    ) async throws(KalshiError) -> KalshiCollection<Item> {
        var items: [Item] = []
        var cursor = cursor
        var seen: Set<String> = []
        var pages = 0
        while pages < max(1, maxPages) {
            let page = try await fetch(cursor)
            pages += 1
            items += page.items
            guard let next = page.cursor else { return KalshiCollection(items: items, pages: pages, remainingCursor: nil) }
            guard seen.insert(next).inserted else { throw .pagingLoop(endpoint: endpoint, cursor: next) }
            cursor = next
        }
        return KalshiCollection(items: items, pages: pages, remainingCursor: cursor)
    }
}

extension KalshiClient {
    /// Refuses a page size the venue would reject, before sending.
    static func checkLimit(_ limit: Int?, max: Int, endpoint: String) throws(KalshiError) {
        guard let limit else { return }
        guard (1...max).contains(limit) else {
            throw .invalidQuery(endpoint: endpoint, detail: "limit \(limit) is outside 1…\(max)")
        }
    }
}
