import EdgewiseCore
import EdgewiseDecision
import EdgewiseExecution

extension Agent {
    /// After a book change: every directional position read from that book is checked against
    /// the exit policy at its best bid, and an exit goes out (risk-checked like any order) when a
    /// rule fires — one at a time per position.
    func checkExits(after instrument: InstrumentID) async {
        guard let policy = settings.exits, policy.isEnabled, let routeTerms else { return }
        for held in directional.sorted() where (held == instrument || complements[held] == instrument) && !exiting.contains(held) {
            guard let position = host.state.portfolio.position(held), position.size.units > 0,
                let averageCost = position.averageCost, let grid = routeTerms(held)?.grid,
                let market = marketOfInstrument[held]
            else { continue }
            let bids = offers(held, for: .sell)
            peaks[held] = ExitRules.peak(after: peaks[held], bids: bids)
            let rules: ExitRules
            do {
                rules = try ExitRules.around(
                    averageCost: averageCost, stopDistance: policy.stopLoss, targetDistance: policy.takeProfit,
                    trailingDistance: policy.trailingStop, fractionBasisPoints: policy.fractionBasisPoints, grid: grid)
            } catch {
                log(nil, "exit rules for \(held) are not usable: \(error)")
                continue
            }
            let signal = rules.evaluate(
                position: position, bids: bids, peak: peaks[held], marketID: market.id, strategy: Self.exitsSource,
                eventID: market.eventID, bookReceivedAt: followedBook(of: held)?.receivedAt)
            switch signal {
            case .exit(let reason, let intent):
                exiting.insert(held)
                await submitExit(intent, reason: reason)
            case .unsellable(let reason, let size):
                log(nil, "\(reason) on \(held), but \(size) held is under the smallest order the venue takes")
            case .hold, .noMark:
                break
            }
        }
    }

    private func submitExit(_ intent: OrderIntent, reason: ExitReason) async {
        var record = DecisionRecord(
            createdAt: clock, source: Self.exitsSource, venue: intent.instrument.venue, marketID: intent.marketID,
            instrument: intent.instrument)
        let what = "\(reason): sell \(intent.size) \(intent.instrument) @ ≥ \(intent.limitPrice)"
        if await send(intent, on: &record, for: nil, what: what) == nil { exiting.remove(intent.instrument) }
        save(record)
    }

    static let exitsSource = "exits"
}
