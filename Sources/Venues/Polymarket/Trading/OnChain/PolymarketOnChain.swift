import BigInt
import EdgewiseCore
import EdgewiseEthereum

/// Polymarket's on-chain position operations: redeem after resolution, split collateral into a
/// full set of outcome tokens, merge a full set back into collateral, and the reads that guard
/// them. Standard markets go to the ConditionalTokens contract; neg-risk markets to the
/// NegRiskAdapter.
///
/// Amounts are Polymarket's 6-decimal units (`Amount` for collateral, `Size` for outcome tokens):
/// their `units` are exactly the tokens' base units, so nothing is rounded on the way on chain.
public struct PolymarketOnChain: Sendable {
    public let contracts: PolymarketContracts
    let rpc: EthereumRPCClient
    let sender: TransactionSender

    public init(contracts: PolymarketContracts, rpc: EthereumRPCClient, sender: TransactionSender) throws(PolymarketOnChainError) {
        guard sender.configuration.chainID == contracts.chainID else {
            throw .chainMismatch(contracts: contracts.chainID, sender: sender.configuration.chainID)
        }
        self.contracts = contracts
        self.rpc = rpc
        self.sender = sender
    }

    /// The façade for the sender's chain (137 or 80002) with the published contract addresses.
    public init(rpc: EthereumRPCClient, sender: TransactionSender) throws(PolymarketOnChainError) {
        guard let contracts = PolymarketContracts.forChain(sender.configuration.chainID) else {
            throw .unsupportedChain(sender.configuration.chainID)
        }
        try self.init(contracts: contracts, rpc: rpc, sender: sender)
    }

    // MARK: Reads

    /// The CTF's payout denominator for the condition: zero until it is resolved.
    public func payoutDenominator(conditionID: Bytes32) async throws(PolymarketOnChainError) -> BigUInt {
        try await readUInt(ConditionalTokensABI.payoutDenominatorCalldata(conditionID: conditionID), function: "payoutDenominator")
    }

    public func isResolved(conditionID: Bytes32) async throws(PolymarketOnChainError) -> Bool {
        try await !payoutDenominator(conditionID: conditionID).isZero
    }

    /// `owner`'s balance of the outcome token `positionID` (Polymarket's token id), in base units.
    public func balance(of owner: EthereumAddress, positionID: BigUInt) async throws(PolymarketOnChainError) -> BigUInt {
        try await readUInt(ConditionalTokensABI.balanceOfCalldata(owner: owner, positionID: positionID), function: "balanceOf")
    }

    /// The balance as a `Size` (6 decimals), the unit positions are tracked in.
    public func size(of owner: EthereumAddress, positionID: BigUInt) async throws(PolymarketOnChainError) -> Size {
        let units = try await balance(of: owner, positionID: positionID)
        guard units.bitWidth < 64 else { throw .invalidAmounts("balance \(units) does not fit a Size") }
        return Size(units: Int64(units))
    }

    // MARK: Transactions

    /// Redeems a resolved condition's positions for collateral.
    ///
    /// Standard markets redeem the whole balance of both outcomes (index sets [1, 2]), so
    /// `amounts` must be empty. Neg-risk markets redeem through the adapter, which needs
    /// `amounts` = [yes, no] to hand in (and the adapter approved on the CTF). Refused before
    /// signing if the condition is not resolved.
    public func redeem(conditionID: Bytes32, negRisk: Bool, amounts: [Size] = []) async throws(PolymarketOnChainError) -> TransactionReceipt {
        let (contract, data) = try redeemCall(conditionID: conditionID, negRisk: negRisk, amounts: amounts)
        guard try await isResolved(conditionID: conditionID) else { throw .conditionNotResolved(conditionID: conditionID) }
        return try await send(to: contract, data: data)
    }

    /// Splits `amount` collateral into `amount` of each outcome token.
    public func split(conditionID: Bytes32, negRisk: Bool, amount: Amount) async throws(PolymarketOnChainError) -> TransactionReceipt {
        let units = try Self.baseUnits(amount.units, what: "split amount")
        if let adapter = negRisk ? contracts.negRiskCollateralAdapter : contracts.collateralAdapter {
            return try await send(to: adapter, data: ConditionalTokensABI.splitCalldata(collateral: contracts.collateral, conditionID: conditionID, amount: units))
        }
        let (contract, data) = negRisk
            ? (contracts.negRiskAdapter, NegRiskAdapterABI.splitCalldata(conditionID: conditionID, amount: units))
            : (contracts.conditionalTokens, ConditionalTokensABI.splitCalldata(collateral: contracts.collateral, conditionID: conditionID, amount: units))
        return try await send(to: contract, data: data)
    }

    /// Merges `amount` of each outcome token back into `amount` collateral.
    public func merge(conditionID: Bytes32, negRisk: Bool, amount: Size) async throws(PolymarketOnChainError) -> TransactionReceipt {
        let units = try Self.baseUnits(amount.units, what: "merge amount")
        if let adapter = negRisk ? contracts.negRiskCollateralAdapter : contracts.collateralAdapter {
            return try await send(to: adapter, data: ConditionalTokensABI.mergeCalldata(collateral: contracts.collateral, conditionID: conditionID, amount: units))
        }
        let (contract, data) = negRisk
            ? (contracts.negRiskAdapter, NegRiskAdapterABI.mergeCalldata(conditionID: conditionID, amount: units))
            : (contracts.conditionalTokens, ConditionalTokensABI.mergeCalldata(collateral: contracts.collateral, conditionID: conditionID, amount: units))
        return try await send(to: contract, data: data)
    }

    /// The contract and calldata a redeem sends, after checking the amounts.
    public func redeemCall(conditionID: Bytes32, negRisk: Bool, amounts: [Size]) throws(PolymarketOnChainError) -> (to: EthereumAddress, data: [UInt8]) {
        // The V2 adapters keep the CTF's redeem layout and redeem the whole balance.
        if let adapter = negRisk ? contracts.negRiskCollateralAdapter : contracts.collateralAdapter {
            guard amounts.isEmpty else {
                throw .invalidAmounts("the pUSD collateral adapter redeems the whole balance; pass no amounts")
            }
            return (adapter, ConditionalTokensABI.redeemCalldata(collateral: contracts.collateral, conditionID: conditionID))
        }
        guard negRisk else {
            // The CTF redeems whatever the caller holds; an amount here would be silently ignored.
            guard amounts.isEmpty else {
                throw .invalidAmounts("a standard market redeems the whole balance; pass no amounts (they are for neg-risk markets)")
            }
            return (contracts.conditionalTokens, ConditionalTokensABI.redeemCalldata(collateral: contracts.collateral, conditionID: conditionID))
        }
        guard amounts.count == 2 else {
            throw .invalidAmounts("a neg-risk redeem takes two amounts, [yes, no]; got \(amounts.count)")
        }
        let yes = try Self.baseUnits(amounts[0].units, what: "yes amount", allowZero: true)
        let no = try Self.baseUnits(amounts[1].units, what: "no amount", allowZero: true)
        guard !(yes.isZero && no.isZero) else { throw .invalidAmounts("both redeem amounts are zero; nothing to redeem") }
        return (contracts.negRiskAdapter, NegRiskAdapterABI.redeemCalldata(conditionID: conditionID, yesAmount: yes, noAmount: no))
    }

    static func baseUnits(_ units: Int64, what: String, allowZero: Bool = false) throws(PolymarketOnChainError) -> BigUInt {
        guard units >= 0 else { throw .invalidAmounts("\(what) is negative") }
        guard allowZero || units > 0 else { throw .invalidAmounts("\(what) is zero") }
        return BigUInt(units)
    }

    private func send(to contract: EthereumAddress, data: [UInt8]) async throws(PolymarketOnChainError) -> TransactionReceipt {
        do { return try await sender.send(to: contract, data: data) } catch { throw .transaction(error) }
    }

    private func readUInt(_ data: [UInt8], function: String) async throws(PolymarketOnChainError) -> BigUInt {
        let returned: [UInt8]
        do { returned = try await rpc.call(EthereumCall(to: contracts.conditionalTokens, data: data)) } catch { throw .read(error) }
        do { return try ABI.decodeUInt256(returned) } catch { throw .unexpectedReturn(function: function, error) }
    }
}
