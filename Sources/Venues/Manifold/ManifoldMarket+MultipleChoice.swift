import EdgewiseCore

extension ManifoldMarket {
    /// The token of one side of one answer of a multiple-choice market:
    /// `<contractId>/<answerId>/YES` or `…/NO`.
    ///
    /// Each answer of a `cpmm-multi-1` market is its own binary market (its own pool, bets name
    /// the contract, the answer and `YES`/`NO`), so the answer id sits between the contract id and
    /// the side. Binary tokens keep their two-part form `<contractId>/YES`; Manifold ids never
    /// contain `/`, so the number of parts tells the two schemes apart.
    public static func token(market id: String, answer answerId: String, outcome: ManifoldBinaryOutcome) -> TokenID {
        TokenID("\(id)/\(answerId)/\(outcome.rawValue)")
    }

    /// The domain market id of one answer: `<contractId>/<answerId>`.
    public static func marketID(market id: String, answer answerId: String) -> MarketID {
        MarketID("\(id)/\(answerId)")
    }

    /// Every domain market of this contract: the one binary market of a `BINARY` market
    /// (``toMarket(now:)``), or one binary market per answer of a `cpmm-multi-1`
    /// `MULTIPLE_CHOICE` market (``answerMarkets(now:)``).
    ///
    /// Other kinds (pseudo-numeric, polls, bounties, legacy dpm multiple choice, kinds this build
    /// does not know) throw ``ManifoldMappingError``: they have no YES/NO shares to trade here.
    public func toMarkets(now: Timestamp = .now()) throws(ManifoldMappingError) -> [Market] {
        switch outcomeType {
        case .binary?: return [try toMarket(now: now)]
        case .multipleChoice?: return try answerMarkets(now: now)
        default:
            throw ManifoldMappingError(
                record: id, field: "outcomeType",
                detail: "is \(outcomeType?.rawValue ?? "missing"); only BINARY and MULTIPLE_CHOICE markets map to tradable markets")
        }
    }

    /// The contract as a domain event holding its markets. For a multiple-choice market whose
    /// answers must sum to one (`shouldAnswersSumToOne`), the event is mutually exclusive and
    /// exhaustive: the venue arbitrages the answers to sum to one and resolves exactly one of them
    /// (or splits the payout with `MKT`, or cancels). Independent answers, and a binary market's
    /// single market, carry no such flag.
    public func toEvent(now: Timestamp = .now()) throws(ManifoldMappingError) -> Event {
        let markets = try toMarkets(now: now)
        let exclusive = outcomeType == .multipleChoice && shouldAnswersSumToOne == true
        let close = closeTime.map(Timestamp.init(milliseconds:))
        return Event(
            venue: .manifold, id: EventID(id), slug: slug, title: question ?? "", description: textDescription ?? "",
            tags: groupSlugs ?? [], settlementSource: url, markets: markets, status: status(now: now),
            openTime: createdTime.map(Timestamp.init(milliseconds:)), endTime: close, isMutuallyExclusive: exclusive,
            isExhaustive: exclusive)
    }

    /// One binary domain market per answer of a `cpmm-multi-1` market, in the venue's answer
    /// order: question "<question> — <answer>", outcomes Yes/No with tokens
    /// ``token(market:answer:outcome:)``, priced at the answer's probability (reported, else
    /// `poolNo / (poolYes + poolNo)`).
    public func answerMarkets(now: Timestamp = .now()) throws(ManifoldMappingError) -> [Market] {
        func fail(_ field: String, _ detail: String) -> ManifoldMappingError {
            ManifoldMappingError(record: id, field: field, detail: detail)
        }
        guard outcomeType == .multipleChoice else {
            throw fail("outcomeType", "is \(outcomeType?.rawValue ?? "missing"); only MULTIPLE_CHOICE markets have answer markets")
        }
        guard mechanism == .cpmmMulti1 else {
            throw fail("mechanism", "is \(mechanism?.rawValue ?? "missing"); only cpmm-multi-1 answers trade as YES/NO shares")
        }
        guard let answers, !answers.isEmpty else {
            throw fail("answers", "are missing; fetch the full market (GET /market/{id}) to map a multiple-choice market")
        }
        let contractStatus = status(now: now)
        let close = closeTime.map(Timestamp.init(milliseconds:))
        let ordered = answers.enumerated().sorted { ($0.element.index ?? $0.offset, $0.offset) < ($1.element.index ?? $1.offset, $1.offset) }
        var markets: [Market] = []
        for (_, answer) in ordered {
            let answerField = "answers[\(answer.id)]"
            var yesPrice: Price?
            if let probability = answer.currentProbability {
                do { yesPrice = try ManifoldMoney.price(probability, .halfUp) } catch {
                    throw fail(answerField + ".probability", error.description)
                }
            }
            let (status, yesPayout) = try answerResolution(answer, contractStatus: contractStatus, field: answerField)
            let text = answer.text ?? answer.id
            markets.append(Market(
                venue: .manifold, id: Self.marketID(market: id, answer: answer.id), eventID: EventID(id), slug: slug,
                question: "\(question ?? "") — \(text)", rules: textDescription ?? "", settlementSource: url,
                outcomes: [
                    Outcome(
                        token: Self.token(market: id, answer: answer.id, outcome: .yes), name: "Yes", indicativePrice: yesPrice,
                        payout: yesPayout),
                    Outcome(
                        token: Self.token(market: id, answer: answer.id, outcome: .no), name: "No",
                        indicativePrice: yesPrice?.complement, payout: yesPayout?.complement),
                ],
                status: status, openTime: answer.createdTime.map(Timestamp.init(milliseconds:)) ?? createdTime.map(Timestamp.init(milliseconds:)),
                closeTime: close, endTime: close, tickSize: Manifold.limitProbabilityTick, acceptingOrders: status.isTradable))
        }
        return markets
    }

    /// An answer's status and YES payout. An answer can resolve on its own (independent answers,
    /// or an early `NO` on a sum-to-one market); otherwise a resolved contract whose `resolution`
    /// is an answer id pays that answer and no other. A contract resolved `MKT` without per-answer
    /// resolutions leaves the payout unknown (nil) rather than guessed.
    func answerResolution(
        _ answer: ManifoldAnswer, contractStatus: MarketStatus, field: String
    ) throws(ManifoldMappingError) -> (MarketStatus, Price?) {
        func payout(_ resolution: String, _ probability: Double?) throws(ManifoldMappingError) -> (MarketStatus, Price?) {
            switch resolution {
            case "YES": return (.resolved, .one)
            case "NO": return (.resolved, .zero)
            case "CANCEL": return (.voided, nil)
            case "MKT":
                guard let probability else {
                    throw ManifoldMappingError(record: id, field: field + ".resolutionProbability", detail: "is missing for an MKT resolution")
                }
                do { return (.resolved, try ManifoldMoney.price(probability, .halfUp)) } catch {
                    throw ManifoldMappingError(record: id, field: field + ".resolutionProbability", detail: error.description)
                }
            default: return (.resolved, nil)
            }
        }
        if let resolution = answer.resolution { return try payout(resolution, answer.resolutionProbability) }
        switch contractStatus {
        case .resolved:
            guard let resolution else { return (.resolved, nil) }
            if resolution == answer.id { return (.resolved, .one) }
            if resolution == "MKT" || resolution == "YES" || resolution == "NO" { return (.resolved, nil) }
            return (.resolved, .zero)
        default:
            return (contractStatus, nil)
        }
    }
}
