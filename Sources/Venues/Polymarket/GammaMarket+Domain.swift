import EdgewiseCore
import EdgewiseVenueKit

extension GammaMarket {
    var recordName: String { conditionId ?? slug ?? id?.value ?? "<unknown market>" }

    /// The domain market: outcome `i` pairs with `clobTokenIds[i]` and `outcomePrices[i]`.
    public func toMarket(eventID: EventID? = nil) throws(PolymarketMappingError) -> Market {
        func fail(_ field: String, _ detail: String) -> PolymarketMappingError {
            PolymarketMappingError(record: recordName, field: field, detail: detail)
        }
        guard let conditionId, !conditionId.isEmpty else { throw fail("conditionId", "is missing") }
        let names = outcomes?.elements ?? []
        let tokens = clobTokenIds?.elements ?? []
        guard !tokens.isEmpty else { throw fail("clobTokenIds", "is missing or empty (no order book for this market)") }
        guard names.count == tokens.count else {
            throw fail("outcomes", "has \(names.count) entries but clobTokenIds has \(tokens.count)")
        }
        var prices: [Price?] = Array(repeating: nil, count: names.count)
        if let raw = outcomePrices?.elements, raw.count == names.count {
            for (index, text) in raw.enumerated() {
                do { prices[index] = try text.value(Price.self) } catch { throw fail("outcomePrices[\(index)]", error.description) }
            }
        }
        let status = self.status
        let outcomes = zip(names, tokens).enumerated().map { index, pair in
            Outcome(
                token: TokenID(pair.1), name: pair.0, indicativePrice: prices[index],
                payout: status == .resolved ? prices[index] : nil)
        }
        let tick: Price?
        do { tick = try orderPriceMinTickSize?.value(Price.self) } catch { throw fail("orderPriceMinTickSize", error.description) }
        let minimum: Size?
        do { minimum = try orderMinSize?.value(Size.self) } catch { throw fail("orderMinSize", error.description) }
        let end = PolymarketTime.parseISO(endDate)
        return Market(
            venue: .polymarket, id: MarketID(conditionId),
            eventID: eventID ?? events?.first?.id.map { EventID($0.value) },
            slug: slug, question: question ?? "", rules: description ?? "",
            settlementSource: resolutionSource.flatMap { $0.isEmpty ? nil : $0 },
            outcomes: outcomes, status: status,
            openTime: PolymarketTime.parseISO(startDate), closeTime: end, endTime: end,
            tickSize: tick, minimumOrderSize: minimum, isNegRisk: negRisk?.value ?? false,
            acceptingOrders: acceptingOrders?.value ?? false, venueReference: id?.value)
    }

    /// The latest UMA resolution state (`proposed`, `disputed`, `resolved`…), if any.
    public var latestResolutionStatus: String? {
        if let status = umaResolutionStatus, !status.isEmpty { return status.lowercased() }
        return umaResolutionStatuses?.elements.last?.lowercased()
    }

    /// Gamma's flags folded into one status. Resolution wins over the trading flags, closed
    /// over archived, and an active market that stopped accepting orders counts as paused.
    public var status: MarketStatus {
        let resolution = latestResolutionStatus
        if resolution == "resolved" { return .resolved }
        if closed?.value == true || archived?.value == true {
            if let resolution, ["proposed", "disputed", "challenged"].contains(resolution) { return .resolving }
            if hasSettledPrices { return .resolved }
            return .closed
        }
        if active?.value == false { return .paused }
        if acceptingOrders?.value == false { return .paused }
        return .open
    }

    /// A closed market whose outcome prices are exactly one `1` and the rest `0` has paid out.
    var hasSettledPrices: Bool {
        guard let raw = outcomePrices?.elements, !raw.isEmpty else { return false }
        let prices = raw.compactMap { try? $0.value(Price.self) }
        guard prices.count == raw.count else { return false }
        return prices.filter { $0 == .one }.count == 1 && prices.filter { $0.isZero }.count == prices.count - 1
    }
}
