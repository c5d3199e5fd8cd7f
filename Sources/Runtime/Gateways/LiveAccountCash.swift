import EdgewiseCore
import EdgewiseExecution
import EdgewiseKalshi
import EdgewisePolymarket

/// Why the accounts' cash could not be read before a live run.
public struct LiveCashError: Error, CustomStringConvertible, Sendable {
    public var venue: VenueID
    public var reason: String
    public var description: String {
        "\(venue): the account's cash could not be read (\(reason)); a live run needs it for its limits — check the venue is reachable and the credentials are right"
    }
}

extension EdgewiseServices {
    /// The real-money cash the accounts behind `gateways` hold now: Polymarket's collateral
    /// balance and Kalshi's available balance. Manifold's mana is play money and is not counted
    /// as capital (its orders are still risk-checked, against the real capital).
    public func liveCash(_ gateways: [any VenueGateway]) async throws(LiveCashError) -> Amount {
        var total = Amount.zero
        for gateway in gateways {
            switch gateway {
            case let polymarket as PolymarketGateway:
                do {
                    let balance = try await polymarket.trading.balanceAllowance(
                        .collateral, signatureType: Int(polymarket.trader.signer.signatureType.rawValue))
                    total += balance.balance
                } catch {
                    throw LiveCashError(venue: .polymarket, reason: "\(error)")
                }
            case let kalshi as KalshiGateway:
                do { total += try await kalshi.client.balance().balance } catch {
                    throw LiveCashError(venue: .kalshi, reason: "\(error)")
                }
            default:
                continue
            }
        }
        return total
    }
}
