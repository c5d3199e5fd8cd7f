import EdgewiseCore

extension PolymarketTradingClient {
    /// Finds out what became of a submission that ended in
    /// ``PolymarketTradingError/orderMayExist(endpoint:orderHashes:cause:)``: looks for the order
    /// among the open orders of its token, then among the token's trades.
    ///
    /// Only ``PolymarketSubmissionResolution/notFound`` allows sending it again. Give the venue a
    /// few seconds after the failed submission before resolving: a request still being processed
    /// is not visible yet. If it surfaces after all, re-sending the same signed order is refused as
    /// a duplicate rather than placed twice.
    ///
    /// - Parameters:
    ///   - orderHash: the order's EIP-712 hash, which the venue uses as its id.
    ///   - since: only trades after this time are searched (pass the submission time, less a
    ///     margin, to keep the search short on an active account); nil searches all of them.
    public func resolveUncertainSubmission(
        orderHash: String, tokenID: TokenID, since: Timestamp? = nil
    ) async throws(PolymarketTradingError) -> PolymarketSubmissionResolution {
        let open = try await openOrders(PolymarketOrderFilter(tokenID: tokenID))
        if let order = open.first(where: { $0.id.caseInsensitiveCompare(orderHash) == .orderedSame }) {
            return .foundOpen(order)
        }
        let trades = try await trades(PolymarketTradeFilter(tokenID: tokenID, after: since))
        let own = trades.filter { $0.involves(orderID: orderHash) }
        return own.isEmpty ? .notFound : .foundFilled(trades: own)
    }
}
