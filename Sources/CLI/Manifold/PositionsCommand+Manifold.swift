import EdgewiseCore
import EdgewiseManifold
import EdgewiseRuntime
import Foundation

extension PositionsCommand {
    /// Manifold reports positions per market, so without --market the markets come from the
    /// account's latest bets (the venue has no "all my positions" call).
    func runManifold(_ services: EdgewiseServices) async throws {
        let client = try services.manifold()
        let me = try await client.me()
        var contracts: [String] = []
        if let market {
            contracts = [try await ManifoldReference(market).fetch(client).id]
        } else {
            let bets = try await client.bets(ManifoldBetQuery(userId: me.id, limit: 1000))
            var seen = Set<String>()
            contracts = bets.compactMap(\.contractId).filter { seen.insert($0).inserted }
            if contracts.count > Self.manifoldMarketLimit {
                warn("showing the \(Self.manifoldMarketLimit) most recently traded markets; use --market for others")
                contracts = Array(contracts.prefix(Self.manifoldMarketLimit))
            }
        }
        var rows: [ManifoldPositionRow] = []
        for contract in contracts {
            for position in try await client.positions(marketId: contract, userId: me.id) {
                for outcome in [ManifoldBinaryOutcome.yes, .no] where position.shares(outcome) > 1e-9 {
                    rows.append(ManifoldPositionRow(position, contract: contract, outcome: outcome))
                }
            }
        }
        if json {
            try printJSON(ManifoldPositionsReport(user: me.username ?? me.id, balance: me.balance, positions: rows))
            return
        }
        let balance = me.balance.map { String(format: "%.2f", $0) } ?? "?"
        emit("Manifold account \(me.username ?? me.id): balance \(balance) mana (play money)\n")
        if rows.isEmpty { emit("no positions\n"); return }
        var table = [["MARKET", "OUTCOME", "SHARES", "INVESTED", "VALUE", "P&L"]]
        for row in rows { table.append(row.cells) }
        emit(Table.render(table, maxWidths: [40, 8, 14, 12, 12, 12]) + "\n")
    }

    static let manifoldMarketLimit = 25
}

struct ManifoldPositionRow: Encodable {
    var contractId: String
    var answerId: String?
    var outcome: String
    var shares: Double
    var invested: Double?
    var payout: Double?
    var profit: Double?

    init(_ position: ManifoldPosition, contract: String, outcome: ManifoldBinaryOutcome) {
        contractId = contract
        answerId = position.answerId
        self.outcome = outcome.rawValue
        shares = position.shares(outcome)
        invested = position.invested
        payout = position.payout
        profit = position.profit
    }

    var cells: [String] {
        func figure(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "-" }
        let market = answerId.map { "\(contractId)/\($0)" } ?? contractId
        return [market, outcome, String(format: "%.4f", shares), figure(invested), figure(payout), figure(profit)]
    }
}

struct ManifoldPositionsReport: Encodable {
    var user: String
    var balance: Double?
    var positions: [ManifoldPositionRow]
}
