import EdgewiseCore
import EdgewisePolymarket
import Synchronization

/// A venue REST view for reconciliation, scripted per test.
final class ScriptedStatusSource: PolymarketOrderStatusSource {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    struct State {
        var trades: [PolymarketUserTrade] = []
        var openOrders: [PolymarketUserOrder] = []
        var orders: [VenueOrderID: PolymarketUserOrder] = [:]
        var failuresLeft = 0
        var tradeQueries: [Timestamp] = []
        var orderQueries: [VenueOrderID] = []
    }

    let state = Mutex(State())

    init(trades: [PolymarketUserTrade] = [], openOrders: [PolymarketUserOrder] = [], orders: [PolymarketUserOrder] = [], failures: Int = 0) {
        state.withLock {
            $0.trades = trades
            $0.openOrders = openOrders
            $0.orders = Dictionary(orders.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
            $0.failuresLeft = failures
        }
    }

    var tradeQueries: [Timestamp] { state.withLock { $0.tradeQueries } }
    var orderQueries: [VenueOrderID] { state.withLock { $0.orderQueries } }

    func openOrders() async throws -> [PolymarketUserOrder] { state.withLock { $0.openOrders } }

    func trades(after: Timestamp) async throws -> [PolymarketUserTrade] {
        try state.withLock { s throws(Failure) in
            s.tradeQueries.append(after)
            if s.failuresLeft > 0 {
                s.failuresLeft -= 1
                throw Failure(description: "GET /data/trades: venue server error HTTP 503")
            }
            return s.trades
        }
    }

    func order(_ id: VenueOrderID) async throws -> PolymarketUserOrder? {
        state.withLock { s in
            s.orderQueries.append(id)
            return s.orders[id]
        }
    }
}
