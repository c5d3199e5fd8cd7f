import BigInt
import EdgewiseEthereum
import EdgewiseTestSupport
import Foundation
import Testing

@Suite("Transaction sender")
struct TransactionSenderTests {
    static let contract = try! EthereumAddress("0x4D97DCd97eC945f40cF65F87097ACe5EA0476045")
    static let gwei = BigUInt(1_000_000_000)
    static let calldata = try! ABI.encodeCall(signature: "payoutDenominator(bytes32)", arguments: [.bytes32(.zero)])

    static func configuration(
        chainID: UInt64 = 137, gasLimitCap: UInt64 = 500_000, maxFeeCap: BigUInt = 500 * gwei, receiptTimeout: Duration = .seconds(60)
    ) -> TransactionSenderConfiguration {
        TransactionSenderConfiguration(
            chainID: chainID, gasSafetyMarginPercent: 20, gasLimitCap: gasLimitCap, maxFeePerGasCap: maxFeeCap,
            receiptPollInterval: .seconds(2), receiptTimeout: receiptTimeout)
    }

    struct Harness {
        let chain: LoopbackChain
        let server: LoopbackServer
        let sender: TransactionSender
        let clock: VirtualClock
    }

    static func harness(
        chain: LoopbackChain = LoopbackChain(chainID: 137), configuration: TransactionSenderConfiguration = configuration()
    ) async throws -> Harness {
        let server = try await LoopbackServer.start(routes: [chain.route])
        let clock = VirtualClock()
        let sender = TransactionSender(key: testKey, rpc: testRPC(server), configuration: configuration, clock: clock.clock, logger: quietLogger)
        return Harness(chain: chain, server: server, sender: sender, clock: clock)
    }

    @Test func sendsAndPollsForTheReceipt() async throws {
        let h = try await Self.harness()
        defer { Task { await h.server.stop() } }
        h.chain.update { $0.pollsBeforeReceipt = 3; $0.baseFee = 40 * Self.gwei; $0.priorityFee = 30 * Self.gwei; $0.gasEstimate = 100_001 }

        let receipt = try await h.sender.send(to: Self.contract, data: Self.calldata)
        #expect(receipt.succeeded)
        let mined = try #require(h.chain.accepted.first)
        #expect(mined.sender == testKey.address)
        #expect(receipt.transactionHash == mined.transaction.hash)
        let transaction = mined.transaction.transaction
        // The estimate plus 20 %, rounded up; fees = 2 × base + tip.
        #expect(transaction.gasLimit == 120_002)
        #expect(transaction.maxPriorityFeePerGas == 30 * Self.gwei)
        #expect(transaction.maxFeePerGas == 110 * Self.gwei)
        #expect(transaction.chainID == 137 && transaction.nonce == 0 && transaction.to == Self.contract)
        #expect(transaction.data == Self.calldata)
        // Three null receipts, then the receipt: four polls, three sleeps of the poll interval.
        #expect(h.server.count("eth_getTransactionReceipt") == 4)
        #expect(h.clock.elapsed.withLock { $0 } == .seconds(6))
        // The estimate was asked for the sender's own call.
        let estimate = h.server.requests.compactMap { try? JSONDecoder().decode(JSONRPCValue.self, from: $0.body) }
            .first { $0["method"] == .string("eth_estimateGas") }
        #expect(estimate?["params"]?.arrayValue?.first?["from"] == .string(testKey.address.checksummed))

        // The next send takes the next nonce.
        _ = try await h.sender.send(to: Self.contract, data: Self.calldata)
        #expect(h.chain.accepted.map(\.transaction.transaction.nonce) == [0, 1])
    }

    @Test func aRevertedReceiptIsATypedError() async throws {
        let chain = LoopbackChain(chainID: 137, outcome: { _ in false })
        let h = try await Self.harness(chain: chain)
        defer { Task { await h.server.stop() } }

        do {
            _ = try await h.sender.send(to: Self.contract, data: Self.calldata)
            Issue.record("expected a revert")
        } catch {
            guard case .reverted(let hash, let receipt) = error else { Issue.record("\(error)"); return }
            #expect(!receipt.succeeded && hash == chain.accepted.first?.transaction.hash)
            #expect(error.description.contains("reverted (status 0)"))
        }
    }

    @Test func aGasEstimateAboveTheCapIsRefusedBeforeSigning() async throws {
        let h = try await Self.harness(configuration: Self.configuration(gasLimitCap: 200_000))
        defer { Task { await h.server.stop() } }
        h.chain.update { $0.gasEstimate = 200_001 }

        await #expect {
            try await h.sender.submit(to: Self.contract, data: Self.calldata)
        } throws: { error in
            guard case TransactionSenderError.gasEstimateAboveCap(200_001, 200_000) = error else { return false }
            return true
        }
        #expect(h.server.count("eth_sendRawTransaction") == 0)
        // At the cap the margin is clamped instead: 180 000 + 20 % > 200 000.
        h.chain.update { $0.gasEstimate = 180_000 }
        let submitted = try await h.sender.submit(to: Self.contract, data: Self.calldata)
        #expect(submitted.gasLimit == 200_000 && submitted.gasEstimate == 180_000)
    }

    @Test func aNodeOnAnotherChainIsRefused() async throws {
        let h = try await Self.harness(chain: LoopbackChain(chainID: 80002))
        defer { Task { await h.server.stop() } }

        await #expect {
            try await h.sender.send(to: Self.contract, data: Self.calldata)
        } throws: { error in
            guard case TransactionSenderError.chainMismatch(configured: 137, node: 80002) = error else { return false }
            return true
        }
        #expect(h.server.rpcMethods == ["eth_chainId"])
    }

    @Test func feesAreCappedAndRefusedWhenTheCapCannotCoverTheBaseFee() async throws {
        let h = try await Self.harness(configuration: Self.configuration(maxFeeCap: 150 * Self.gwei))
        defer { Task { await h.server.stop() } }
        h.chain.update { $0.baseFee = 100 * Self.gwei; $0.priorityFee = 30 * Self.gwei }

        let submitted = try await h.sender.submit(to: Self.contract, data: Self.calldata)
        #expect(submitted.maxFeePerGas == 150 * Self.gwei)  // 2 × 100 + 30, clamped to the cap

        h.chain.update { $0.baseFee = 140 * Self.gwei }
        await #expect {
            try await h.sender.submit(to: Self.contract, data: Self.calldata)
        } throws: { error in
            guard case TransactionSenderError.feeAboveCap = error else { return false }
            return String(describing: error).contains("base fee 140 gwei + tip 30 gwei exceed the max fee cap of 150 gwei")
        }
        #expect(h.server.count("eth_sendRawTransaction") == 1)
    }

    /// Another process used nonce 3 and the node's pending count lags: the first send is "nonce
    /// too low", the sender re-reads once and succeeds with the node's current nonce.
    @Test func nonceTooLowIsRecoveredOnceWithAFreshNonce() async throws {
        let h = try await Self.harness()
        defer { Task { await h.server.stop() } }
        h.chain.update { $0.nonces[testKey.address] = 5 }
        h.chain.inject("eth_getTransactionCount", .result(.string("0x3")))

        let receipt = try await h.sender.send(to: Self.contract, data: Self.calldata)
        #expect(receipt.succeeded)
        #expect(h.server.count("eth_sendRawTransaction") == 2)
        #expect(h.server.count("eth_getTransactionCount") == 2)
        #expect(h.chain.accepted.map(\.transaction.transaction.nonce) == [5])

        // A second "nonce too low" in a row is reported, not retried again.
        h.chain.inject("eth_sendRawTransaction", .rpcError(code: -32000, message: "nonce too low"), .rpcError(code: -32000, message: "nonce too low"))
        await #expect {
            try await h.sender.submit(to: Self.contract, data: Self.calldata)
        } throws: { error in
            guard case TransactionSenderError.rpc(.nonceTooLow) = error else { return false }
            return true
        }
    }

    @Test func insufficientFundsIsReportedAndNothingIsMined() async throws {
        let h = try await Self.harness()
        defer { Task { await h.server.stop() } }
        h.chain.update { $0.balances[testKey.address] = 1 }

        do {
            _ = try await h.sender.send(to: Self.contract, data: Self.calldata)
            Issue.record("expected insufficient funds")
        } catch {
            guard case .rpc(.insufficientFunds) = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("fund the signing address"))
            // The key never appears in what an operator sees.
            #expect(!error.description.contains("ac0974bec39a17e3"))
        }
        #expect(h.chain.accepted.isEmpty)
        // The failed send did not consume a nonce: the next one still uses 0.
        h.chain.update { $0.balances[testKey.address] = BigUInt(10).power(20) }
        _ = try await h.sender.submit(to: Self.contract, data: Self.calldata)
        #expect(h.chain.accepted.map(\.transaction.transaction.nonce) == [0])
    }

    @Test func aRevertingEstimateIsRefusedBeforeSigning() async throws {
        let chain = LoopbackChain(chainID: 137, call: { _, _ in .failure(.init(message: "execution reverted: got invalid index set")) })
        let h = try await Self.harness(chain: chain)
        defer { Task { await h.server.stop() } }

        await #expect {
            try await h.sender.submit(to: Self.contract, data: Self.calldata)
        } throws: { error in
            guard case TransactionSenderError.rpc(.executionReverted(let message, _)) = error else { return false }
            return message.contains("invalid index set")
        }
        #expect(h.server.count("eth_sendRawTransaction") == 0)
    }

    @Test func aMissingReceiptTimesOutOnTheInjectedClock() async throws {
        let h = try await Self.harness(configuration: Self.configuration(receiptTimeout: .seconds(30)))
        defer { Task { await h.server.stop() } }
        h.chain.update { $0.pollsBeforeReceipt = .max }

        let submitted = try await h.sender.submit(to: Self.contract, data: Self.calldata)
        do {
            _ = try await h.sender.waitForReceipt(submitted.hash)
            Issue.record("expected a timeout")
        } catch {
            guard case .receiptTimeout(let hash, let waited, _) = error else { Issue.record("\(error)"); return }
            #expect(hash == submitted.hash && waited >= .seconds(30))
            #expect(error.description.contains("check it by hash before sending anything again"))
        }
        #expect(h.server.count("eth_getTransactionReceipt") == 16)
    }

    /// Concurrent sends from one sender never share a nonce (the chain refuses duplicates and gaps).
    @Test func concurrentSendsAreSerialised() async throws {
        let h = try await Self.harness()
        defer { Task { await h.server.stop() } }
        h.chain.update { $0.pollsBeforeReceipt = 0 }

        try await withThrowingTaskGroup(of: TransactionReceipt.self) { group in
            for _ in 0..<6 { group.addTask { try await h.sender.send(to: Self.contract, data: Self.calldata) } }
            var receipts = 0
            for try await receipt in group where receipt.succeeded { receipts += 1 }
            #expect(receipts == 6)
        }
        #expect(h.chain.accepted.map(\.transaction.transaction.nonce).sorted() == Array(0..<6))
        #expect(h.server.count("eth_sendRawTransaction") == 6)
    }
}
