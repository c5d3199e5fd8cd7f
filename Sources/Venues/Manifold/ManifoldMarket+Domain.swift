import EdgewiseCore

extension ManifoldMarket {
    /// The token of one side of a binary market. Manifold has no token ids (a bet names the
    /// contract and `YES`/`NO`), so the instrument is the market id and the side.
    public static func token(market id: String, outcome: ManifoldBinaryOutcome) -> TokenID {
        TokenID("\(id)/\(outcome.rawValue)")
    }

    /// The domain market of a binary market: outcomes `Yes` and `No`, priced at the market's
    /// probability (rounded half-up to six places; it is indicative, not a quote), with payouts
    /// once resolved (`MKT` pays ``resolutionProbability`` per YES share).
    ///
    /// Throws for other kinds of market; ``toMarkets(now:)`` also maps multiple choice (one
    /// market per answer).
    /// `now` decides whether a market past its close time is closed.
    public func toMarket(now: Timestamp = .now()) throws(ManifoldMappingError) -> Market {
        func fail(_ field: String, _ detail: String) -> ManifoldMappingError {
            ManifoldMappingError(record: id, field: field, detail: detail)
        }
        guard outcomeType == .binary else {
            throw fail("outcomeType", "is \(outcomeType?.rawValue ?? "missing"); only BINARY markets map to a two-outcome market")
        }
        var yesPrice: Price?
        if let probability {
            do { yesPrice = try ManifoldMoney.price(probability, .halfUp) } catch { throw fail("probability", error.description) }
        }
        let status = self.status(now: now)
        var yesPayout: Price?
        var noPayout: Price?
        if status == .resolved {
            switch resolution {
            case "YES": (yesPayout, noPayout) = (.one, .zero)
            case "NO": (yesPayout, noPayout) = (.zero, .one)
            case "MKT":
                guard let resolutionProbability else { throw fail("resolutionProbability", "is missing for an MKT resolution") }
                let price: Price
                do { price = try ManifoldMoney.price(resolutionProbability, .halfUp) } catch {
                    throw fail("resolutionProbability", error.description)
                }
                (yesPayout, noPayout) = (price, price.complement)
            default: break
            }
        }
        let close = closeTime.map(Timestamp.init(milliseconds:))
        return Market(
            venue: .manifold, id: MarketID(id), slug: slug, question: question ?? "", rules: textDescription ?? "",
            settlementSource: url,
            outcomes: [
                Outcome(token: Self.token(market: id, outcome: .yes), name: "Yes", indicativePrice: yesPrice, payout: yesPayout),
                Outcome(token: Self.token(market: id, outcome: .no), name: "No", indicativePrice: yesPrice?.complement, payout: noPayout),
            ],
            status: status, openTime: createdTime.map(Timestamp.init(milliseconds:)), closeTime: close, endTime: close,
            tickSize: Manifold.limitProbabilityTick, acceptingOrders: status.isTradable)
    }

    /// Resolution wins: `CANCEL` is voided, any other resolution resolved; otherwise a market past
    /// its close time is closed and the rest open.
    public func status(now: Timestamp = .now()) -> MarketStatus {
        if isResolved == true {
            return resolution == "CANCEL" ? .voided : .resolved
        }
        if let closeTime, Timestamp(milliseconds: closeTime) <= now { return .closed }
        return .open
    }
}
