/// One point of an opportunity's profit curve: buying `size` baskets costs `cost` (fees
/// included) and is guaranteed to pay `payout`.
public struct ProfitPoint: Hashable, Codable, Sendable {
    public var size: Size
    public var cost: Amount
    public var payout: Amount

    public init(size: Size, cost: Amount, payout: Amount) {
        self.size = size
        self.cost = cost
        self.payout = payout
    }

    public var profit: Amount { payout - cost }
}
