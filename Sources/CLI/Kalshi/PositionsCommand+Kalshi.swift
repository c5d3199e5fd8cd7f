import EdgewiseCore
import EdgewiseKalshi
import EdgewiseRuntime

extension PositionsCommand {
    /// Kalshi: cash balance and every market position (positive counts are YES, negative NO).
    func runKalshi(_ services: EdgewiseServices) async throws {
        let client = try services.kalshi(authenticated: true)
        let balance = try await client.balance()
        let positions = try await client.allPositions().items.filter { $0.holding != nil }
        let rows = positions.map(KalshiPositionRow.init)
        if json {
            try printJSON(KalshiPositionsReport(balance: balance.balance, portfolioValue: balance.portfolioValue, positions: rows))
            return
        }
        emit("Kalshi balance \(balance.balance) USD\(balance.portfolioValue.map { ", positions worth \($0)" } ?? "")\n")
        if rows.isEmpty { emit("no positions\n"); return }
        let table = [["TICKER", "SIDE", "CONTRACTS", "EXPOSURE", "REALISED", "FEES"]] + rows.map(\.cells)
        emit(Table.render(table, maxWidths: [40, 4, 12, 12, 12, 10]) + "\n")
    }
}

struct KalshiPositionRow: Encodable {
    var ticker: String
    var side: String
    var contracts: Size
    var exposure: Amount?
    var realizedPnl: Amount?
    var feesPaid: Amount?

    init(_ position: KalshiMarketPosition) {
        ticker = position.ticker
        side = position.holding?.side.rawValue ?? "-"
        contracts = position.holding?.size ?? .zero
        exposure = position.marketExposure
        realizedPnl = position.realizedPnL
        feesPaid = position.feesPaid
    }

    var cells: [String] {
        [ticker, side, contracts.description, exposure?.description ?? "-", realizedPnl?.description ?? "-", feesPaid?.description ?? "-"]
    }
}

struct KalshiPositionsReport: Encodable {
    var balance: Amount
    var portfolioValue: Amount?
    var positions: [KalshiPositionRow]
}
