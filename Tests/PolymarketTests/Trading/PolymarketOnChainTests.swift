import BigInt
import EdgewiseCore
import EdgewiseEthereum
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Synchronization
import Testing

@Suite("Polymarket on-chain operations")
struct PolymarketOnChainTests {
    /// Hardhat's first development key: public knowledge, never funded on a real chain.
    static let key = try! EthereumPrivateKey(hex: "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
    static let gwei = BigUInt(1_000_000_000)
    static let condition = try! Bytes32(hex: "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1")

    final class Clock: Sendable {
        let elapsed = Mutex<Duration>(.zero)
        var polling: PollingClock {
            PollingClock(now: { self.elapsed.withLock { $0 } }, sleep: { duration in
                self.elapsed.withLock { $0 += duration }
                await Task.yield()
            })
        }
    }

    struct Harness {
        let node: PolygonLoopbackNode
        let server: LoopbackServer
        let onChain: PolymarketOnChain
        let clock: Clock
    }

    static func harness(contracts: PolymarketContracts = .polygonLegacy) async throws -> Harness {
        let cap = 500 * gwei
        let node = PolygonLoopbackNode(contracts: contracts, maxFeeCeiling: cap)
        let server = try await LoopbackServer.start(routes: [node.route])
        let rpc = EthereumRPCClient(configuration: EthereumRPCConfiguration(url: server.baseURL.appendingPathComponent("rpc"), transport: fastTransport), logger: quietLogger)
        let clock = Clock()
        let sender = TransactionSender(
            key: key, rpc: rpc,
            configuration: TransactionSenderConfiguration(chainID: contracts.chainID, gasLimitCap: 400_000, maxFeePerGasCap: cap),
            clock: clock.polling, logger: quietLogger)
        return Harness(node: node, server: server, onChain: try PolymarketOnChain(contracts: contracts, rpc: rpc, sender: sender), clock: clock)
    }

    @Test func contractAddressesPerChain() throws {
        let polygon = try #require(PolymarketContracts.forChain(137))
        #expect(polygon.conditionalTokens.checksummed == "0x4D97DCd97eC945f40cF65F87097ACe5EA0476045")
        #expect(polygon.negRiskAdapter.checksummed == "0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296")
        #expect(polygon.collateral.checksummed == "0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB")
        let amoy = try #require(PolymarketContracts.forChain(80002))
        #expect(amoy.conditionalTokens.checksummed == "0x69308FB512518e39F9b16112fA8d994F4e2Bf8bB")
        #expect(PolymarketContracts.forChain(1) == nil)
    }

    /// Selectors of the deployed contracts' functions, as block explorers and other clients show them.
    @Test func functionSelectors() {
        #expect(Hex.encode(ConditionalTokensABI.redeemPositions.selector) == "0x01b7037c")
        #expect(Hex.encode(ConditionalTokensABI.splitPosition.selector) == "0x72ce4275")
        #expect(Hex.encode(ConditionalTokensABI.mergePositions.selector) == "0x9e7212ad")
        #expect(Hex.encode(ConditionalTokensABI.balanceOf.selector) == "0x00fdd58e")
        #expect(ConditionalTokensABI.redeemPositions.canonicalSignature == "redeemPositions(address,bytes32,bytes32,uint256[])")
        #expect(NegRiskAdapterABI.redeemPositions.canonicalSignature == "redeemPositions(bytes32,uint256[])")
        #expect(NegRiskAdapterABI.splitPosition.canonicalSignature == "splitPosition(bytes32,uint256)")
        #expect(NegRiskAdapterABI.mergePositions.canonicalSignature == "mergePositions(bytes32,uint256)")
    }

    /// The redeem calldata word by word: pUSD, a zero parent collection, the condition, and the
    /// binary index sets [1, 2] as a dynamic array in the tail.
    @Test func redeemCalldataLayout() throws {
        let data = ConditionalTokensABI.redeemCalldata(collateral: PolymarketContracts.polygon.collateral, conditionID: Self.condition)
        let words = stride(from: 4, to: data.count, by: 32).map { Hex.encode(data[$0..<$0 + 32], prefix: false) }
        #expect(Hex.encode(data.prefix(4)) == "0x01b7037c")
        #expect(words == [
            "000000000000000000000000c011a7e12a19f7b1f670d46f03b03f3342e82dfb",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1",
            "0000000000000000000000000000000000000000000000000000000000000080",
            "0000000000000000000000000000000000000000000000000000000000000002",
            "0000000000000000000000000000000000000000000000000000000000000001",
            "0000000000000000000000000000000000000000000000000000000000000002",
        ])
    }

    @Test func redeemsAResolvedConditionAndWaitsForTheReceipt() async throws {
        let h = try await Self.harness()
        defer { Task { await h.server.stop() } }
        h.node.update { $0.payoutDenominators[Self.condition] = 1 }

        #expect(try await h.onChain.isResolved(conditionID: Self.condition))
        let receipt = try await h.onChain.redeem(conditionID: Self.condition, negRisk: false)
        #expect(receipt.succeeded)
        #expect(h.node.operations == [
            .redeem(collateral: PolymarketContracts.polygon.collateral, parent: .zero, condition: Self.condition, indexSets: [1, 2]),
        ])
        let mined = try #require(h.node.mined.first)
        #expect(mined.sender == Self.key.address && mined.hash == receipt.transactionHash)
        // Two null receipts, then the receipt.
        #expect(h.server.requests.filter { $0.bodyText.contains("eth_getTransactionReceipt") }.count == 3)
        #expect(h.clock.elapsed.withLock { $0 } == .seconds(4))
    }

    /// On Polygon V2, pUSD positions go through the collateral adapters, with the CTF's layout and
    /// pUSD as collateral — for neg-risk markets too, and with no per-outcome amounts.
    @Test func v2RedeemSplitAndMergeGoThroughThePUSDAdapters() async throws {
        let h = try await Self.harness(contracts: .polygon)
        defer { Task { await h.server.stop() } }
        h.node.update { $0.payoutDenominators[Self.condition] = 1 }
        let standard = try #require(PolymarketContracts.polygon.collateralAdapter)
        let negRisk = try #require(PolymarketContracts.polygon.negRiskCollateralAdapter)
        #expect(standard.checksummed == "0xAdA100Db00Ca00073811820692005400218FcE1f")
        #expect(negRisk.checksummed == "0xadA2005600Dec949baf300f4C6120000bDB6eAab")
        let pUSD = PolymarketContracts.polygon.collateral

        _ = try await h.onChain.redeem(conditionID: Self.condition, negRisk: false)
        _ = try await h.onChain.redeem(conditionID: Self.condition, negRisk: true)
        _ = try await h.onChain.split(conditionID: Self.condition, negRisk: true, amount: try Amount(parsing: "2.5"))
        _ = try await h.onChain.merge(conditionID: Self.condition, negRisk: false, amount: try Size(parsing: "1"))
        #expect(h.node.operations == [
            .viaAdapter(standard, .redeem(collateral: pUSD, parent: .zero, condition: Self.condition, indexSets: [1, 2])),
            .viaAdapter(negRisk, .redeem(collateral: pUSD, parent: .zero, condition: Self.condition, indexSets: [1, 2])),
            .viaAdapter(negRisk, .split(collateral: pUSD, parent: .zero, condition: Self.condition, partition: [1, 2], amount: 2_500_000)),
            .viaAdapter(standard, .merge(collateral: pUSD, parent: .zero, condition: Self.condition, partition: [1, 2], amount: 1_000_000)),
        ])
        await #expect(throws: PolymarketOnChainError.self) {
            try await h.onChain.redeem(conditionID: Self.condition, negRisk: true, amounts: [Size(units: 1), .zero])
        }
    }

    @Test func anUnresolvedConditionIsRefusedBeforeSigning() async throws {
        let h = try await Self.harness()
        defer { Task { await h.server.stop() } }

        do {
            _ = try await h.onChain.redeem(conditionID: Self.condition, negRisk: false)
            Issue.record("expected a refusal")
        } catch {
            guard case .conditionNotResolved(let condition) = error else { Issue.record("\(error)"); return }
            #expect(condition == Self.condition)
            #expect(error.description.contains("not resolved yet"))
        }
        #expect(!h.server.requests.contains { $0.bodyText.contains("eth_sendRawTransaction") })
    }

    @Test func aRedeemMinedWithStatusZeroIsReportedAsReverted() async throws {
        let h = try await Self.harness()
        defer { Task { await h.server.stop() } }
        // Resolved when checked, but mined against state where the call fails.
        h.node.update { $0.payoutDenominators[Self.condition] = 1; $0.revertEverything = true }
        do {
            _ = try await h.onChain.redeem(conditionID: Self.condition, negRisk: false)
            Issue.record("expected a revert")
        } catch {
            guard case .transaction(.reverted(let hash, let receipt)) = error else { Issue.record("\(error)"); return }
            #expect(hash == h.node.mined.first?.hash && !receipt.succeeded)
        }
    }

    @Test func negRiskRedeemGoesThroughTheAdapterWithYesAndNoAmounts() async throws {
        let h = try await Self.harness()
        defer { Task { await h.server.stop() } }
        h.node.update { $0.payoutDenominators[Self.condition] = 1 }

        let receipt = try await h.onChain.redeem(
            conditionID: Self.condition, negRisk: true, amounts: [try Size(parsing: "12.345678"), .zero])
        #expect(receipt.succeeded)
        #expect(h.node.operations == [.negRiskRedeem(condition: Self.condition, amounts: [12_345_678, 0])])
        #expect(h.node.mined.first.map { $0.nonce } == 0)

        // Amounts that make no sense are refused before anything is sent.
        for amounts: [Size] in [[], [.zero, .zero], [Size(units: 1)], [Size(units: -1), Size(units: 1)]] {
            await #expect(throws: PolymarketOnChainError.self) {
                try await h.onChain.redeem(conditionID: Self.condition, negRisk: true, amounts: amounts)
            }
        }
        await #expect(throws: PolymarketOnChainError.self) {
            try await h.onChain.redeem(conditionID: Self.condition, negRisk: false, amounts: [Size(units: 1)])
        }
        #expect(h.node.mined.count == 1)
    }

    @Test func splitAndMergeForStandardAndNegRiskMarkets() async throws {
        let h = try await Self.harness()
        defer { Task { await h.server.stop() } }
        h.node.update { $0.pollsBeforeReceipt = 0 }
        let collateral = PolymarketContracts.polygon.collateral

        _ = try await h.onChain.split(conditionID: Self.condition, negRisk: false, amount: try Amount(parsing: "100.5"))
        _ = try await h.onChain.merge(conditionID: Self.condition, negRisk: false, amount: try Size(parsing: "0.000001"))
        _ = try await h.onChain.split(conditionID: Self.condition, negRisk: true, amount: try Amount(parsing: "25"))
        _ = try await h.onChain.merge(conditionID: Self.condition, negRisk: true, amount: try Size(parsing: "7.25"))
        #expect(h.node.operations == [
            .split(collateral: collateral, parent: .zero, condition: Self.condition, partition: [1, 2], amount: 100_500_000),
            .merge(collateral: collateral, parent: .zero, condition: Self.condition, partition: [1, 2], amount: 1),
            .negRiskSplit(condition: Self.condition, amount: 25_000_000),
            .negRiskMerge(condition: Self.condition, amount: 7_250_000),
        ])
        #expect(h.node.mined.map(\.nonce) == [0, 1, 2, 3])
        await #expect(throws: PolymarketOnChainError.self) {
            try await h.onChain.split(conditionID: Self.condition, negRisk: false, amount: .zero)
        }
    }

    @Test func readsBalancesAndPayouts() async throws {
        let h = try await Self.harness()
        defer { Task { await h.server.stop() } }
        let token = BigUInt("71321045679252212594626385532706912750332728571942532289631379312455583992563")
        h.node.update { $0.balances[token] = 2_500_000; $0.payoutDenominators[Self.condition] = 1 }

        #expect(try await h.onChain.balance(of: Self.key.address, positionID: token) == 2_500_000)
        #expect(try await h.onChain.size(of: Self.key.address, positionID: token) == (try Size(parsing: "2.5")))
        #expect(try await h.onChain.payoutDenominator(conditionID: Self.condition) == 1)
        #expect(try await h.onChain.isResolved(conditionID: .zero) == false)
    }

    @Test func aSenderForAnotherChainIsRefused() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let rpc = EthereumRPCClient(configuration: EthereumRPCConfiguration(url: server.baseURL.appendingPathComponent("rpc"), transport: fastTransport), logger: quietLogger)
        let sender = TransactionSender(
            key: Self.key, rpc: rpc, configuration: TransactionSenderConfiguration(chainID: 80002, maxFeePerGasCap: 1))
        #expect(throws: PolymarketOnChainError.self) { try PolymarketOnChain(contracts: .polygon, rpc: rpc, sender: sender) }
        #expect(try PolymarketOnChain(rpc: rpc, sender: sender).contracts == .amoy)
        let unknown = TransactionSender(key: Self.key, rpc: rpc, configuration: TransactionSenderConfiguration(chainID: 1, maxFeePerGasCap: 1))
        #expect(throws: PolymarketOnChainError.self) { try PolymarketOnChain(rpc: rpc, sender: unknown) }
    }
}
