import BigInt
import EdgewiseEthereum
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Ethereum JSON-RPC client")
struct EthereumRPCClientTests {
    static let contract = try! EthereumAddress("0x4D97DCd97eC945f40cF65F87097ACe5EA0476045")

    @Test func quantitiesParseExactly() {
        #expect(RPCQuantity.parse("0x0") == 0)
        #expect(RPCQuantity.parse("0x1bc16d674ec80000") == BigUInt("2000000000000000000"))
        #expect(RPCQuantity.parse("0x" + String(repeating: "f", count: 64)) == (BigUInt(1) << 256) - 1)
        #expect(RPCQuantity.parse("0x00ff") == 255)
        for bad in ["0x", "12", "0xg1", "", "0x" + String(repeating: "1", count: 65), "-0x1"] { #expect(RPCQuantity.parse(bad) == nil, "\(bad)") }
        #expect(RPCQuantity.parseUInt64("0x10000000000000000") == nil)
        #expect(RPCQuantity.encode(BigUInt(0)) == "0x0")
        #expect(RPCQuantity.encode(UInt64(1024)) == "0x400")
    }

    @Test func readsChainStateFromTheNode() async throws {
        let chain = LoopbackChain(chainID: 80002, call: { to, data in
            // balanceOf(address) of 1.5 tokens, checked against the call it answers.
            guard to.lowercased() == Self.contract.checksummed.lowercased(), Array(data.prefix(4)) == hex("70a08231") else {
                return .failure(.init(message: "unexpected call"))
            }
            return .success(ABIWord.uint(UInt64(1_500_000)))
        })
        chain.update { $0.nonces[testKey.address] = 7; $0.baseFee = BigUInt("123456789012345678901234567890") }
        let server = try await LoopbackServer.start(routes: [chain.route])
        defer { Task { await server.stop() } }
        let rpc = testRPC(server)

        #expect(try await rpc.chainID() == 80002)
        #expect(try await rpc.transactionCount(of: testKey.address) == 7)
        #expect(try await rpc.latestBaseFee() == BigUInt("123456789012345678901234567890"))
        #expect(try await rpc.maxPriorityFeePerGas() == 2_000_000_000)
        let data = try ABI.encodeCall(signature: "balanceOf(address)", arguments: [.address(testKey.address)])
        #expect(try await ABI.decodeUInt256(rpc.call(EthereumCall(to: Self.contract, data: data))) == 1_500_000)
        #expect(try await rpc.estimateGas(EthereumCall(from: testKey.address, to: Self.contract, data: data)) == 100_000)
        #expect(try await rpc.transactionReceipt(Bytes32.zero) == nil)
        #expect(try await rpc.transactionIsKnown(Bytes32.zero) == false)
        // Every request is a JSON-RPC 2.0 envelope and asks for the pending nonce.
        let bodies = server.requests.compactMap { try? JSONDecoder().decode(JSONRPCValue.self, from: $0.body) }
        #expect(bodies.allSatisfy { $0["jsonrpc"] == .string("2.0") && $0["id"]?.intValue != nil })
        #expect(bodies[1]["params"]?.arrayValue?.last == .string("pending"))
    }

    @Test func rateLimitsAndServerErrorsOnReadsAreRetried() async throws {
        let chain = LoopbackChain(chainID: 137)
        chain.inject("eth_chainId", .status(429), .status(503))
        chain.inject("eth_getBlockByNumber", .status(502))
        let server = try await LoopbackServer.start(routes: [chain.route])
        defer { Task { await server.stop() } }
        let rpc = testRPC(server)

        #expect(try await rpc.chainID() == 137)
        #expect(server.count("eth_chainId") == 3)
        #expect(try await rpc.latestBaseFee() == 30_000_000_000)
        #expect(server.count("eth_getBlockByNumber") == 2)
        // Past the retry budget the failure is reported, typed.
        chain.inject("eth_chainId", .status(500), .status(500), .status(500))
        await #expect {
            try await rpc.chainID()
        } throws: { error in
            guard case EthereumRPCError.transport(_, .server(_, 500, _)) = error else { return false }
            return true
        }
    }

    @Test func malformedRepliesGiveTypedErrors() async throws {
        let chain = LoopbackChain(chainID: 137)
        let server = try await LoopbackServer.start(routes: [chain.route])
        defer { Task { await server.stop() } }
        let rpc = testRPC(server)
        let replies = [
            "<html>bad gateway</html>",
            #"{"jsonrpc":"2.0","id":999999,"result":"0x1"}"#,
            #"{"jsonrpc":"2.0"}"#,
            "[1,2,3]",
        ]
        for reply in replies {
            chain.inject("eth_chainId", .reply(reply))
            await #expect("\(reply)") {
                try await rpc.chainID()
            } throws: { error in
                guard case EthereumRPCError.malformedReply(let method, _) = error else { return false }
                return method == "eth_chainId"
            }
        }
        // Well-formed replies whose results have the wrong shape.
        func expectMalformed(_ what: String, _ body: () async throws(EthereumRPCError) -> Void) async {
            do {
                try await body()
                Issue.record("\(what) should be refused")
            } catch {
                guard case .malformedReply = error else { Issue.record("\(what): \(error)"); return }
            }
        }
        chain.inject("eth_chainId", .result(.string("0xZZ")))
        await expectMalformed("a non-hex chain id") { () throws(EthereumRPCError) in _ = try await rpc.chainID() }
        chain.inject("eth_getBlockByNumber", .result(.object(["number": .string("0x1")])))
        await expectMalformed("a block without a base fee") { () throws(EthereumRPCError) in _ = try await rpc.latestBaseFee() }
        chain.inject("eth_getTransactionReceipt", .result(.object([
            "transactionHash": .string(Bytes32.zero.hex), "blockNumber": .string("0x1"), "gasUsed": .string("0x5208"),
        ])))
        await expectMalformed("a receipt without a status") { () throws(EthereumRPCError) in _ = try await rpc.transactionReceipt(.zero) }
        chain.inject("eth_call", .result(.string("deadbeef")))
        await expectMalformed("call data without 0x") { () throws(EthereumRPCError) in
            _ = try await rpc.call(EthereumCall(to: Self.contract, data: []))
        }
    }

    @Test func nodeErrorsAreClassified() async throws {
        let revert = try ABI.encodeCall(signature: "Error(string)", arguments: [.string("result for condition not received yet")])
        let chain = LoopbackChain(chainID: 137, call: { _, _ in
            .failure(.init(code: 3, message: "execution reverted: result for condition not received yet", data: revert))
        })
        let server = try await LoopbackServer.start(routes: [chain.route])
        defer { Task { await server.stop() } }
        let rpc = testRPC(server)

        do {
            _ = try await rpc.call(EthereumCall(to: Self.contract, data: hex("01b7037c")))
            Issue.record("the call should revert")
        } catch {
            guard case .executionReverted(_, let data) = error else { Issue.record("\(error)"); return }
            #expect(data == revert)
            #expect(error.description.contains("\"result for condition not received yet\""))
        }
        let cases: [(String, (EthereumRPCError) -> Bool)] = [
            ("nonce too low: next nonce 5, tx nonce 4", { if case .nonceTooLow = $0 { true } else { false } }),
            ("insufficient funds for gas * price + value", { if case .insufficientFunds = $0 { true } else { false } }),
            ("replacement transaction underpriced", { if case .replacementUnderpriced = $0 { true } else { false } }),
            ("transaction underpriced", { if case .feeTooLow = $0 { true } else { false } }),
            ("max fee per gas less than block base fee", { if case .feeTooLow = $0 { true } else { false } }),
            ("already known", { if case .alreadyKnown = $0 { true } else { false } }),
            ("something else entirely", { if case .rpc(_, -32000, _) = $0 { true } else { false } }),
        ]
        for (message, matches) in cases {
            chain.inject("eth_chainId", .rpcError(code: -32000, message: message))
            do {
                _ = try await rpc.chainID()
                Issue.record("\(message) should fail")
            } catch {
                #expect(matches(error), "\(message) → \(error)")
            }
        }
        #expect(EthereumRPCError.insufficientFunds(message: "x").description.contains("fund the signing address"))
    }

    /// The node accepts the transaction but its answer is lost to a timeout: the client finds it by
    /// hash and does not send it again.
    @Test func aTimedOutSendIsLookedUpByHashNotResent() async throws {
        let chain = LoopbackChain(chainID: 137)
        // The send's answer comes after 4 s, long past the 1 s budget; the look-up that follows has
        // that whole second, so a loaded machine cannot time it out and make it look twice.
        chain.inject("eth_sendRawTransaction", .slowAfterProcessing(.seconds(4)))
        let server = try await LoopbackServer.start(routes: [chain.route])
        defer { Task { await server.stop() } }
        let rpc = testRPC(server, requestTimeout: .seconds(1))
        let signed = EIP1559Transaction(
            chainID: 137, nonce: 0, maxPriorityFeePerGas: 2_000_000_000, maxFeePerGas: 100_000_000_000, gasLimit: 120_000, to: Self.contract
        ).signed(with: testKey)

        #expect(try await rpc.sendRawTransaction(signed) == signed.hash)
        #expect(server.count("eth_sendRawTransaction") == 1)
        #expect(server.count("eth_getTransactionByHash") == 1)
        #expect(chain.accepted.count == 1)
    }

    /// The request is lost before the node sees it: the look-up finds nothing, so the same signed
    /// bytes are sent again — once — and accepted.
    @Test func aLostSendIsResentAfterTheLookupFindsNothing() async throws {
        let chain = LoopbackChain(chainID: 137)
        chain.inject("eth_sendRawTransaction", .lost(.seconds(2)))
        let server = try await LoopbackServer.start(routes: [chain.route])
        defer { Task { await server.stop() } }
        let rpc = testRPC(server, requestTimeout: .milliseconds(300))
        let signed = EIP1559Transaction(
            chainID: 137, nonce: 0, maxPriorityFeePerGas: 2_000_000_000, maxFeePerGas: 100_000_000_000, gasLimit: 120_000, to: Self.contract
        ).signed(with: testKey)

        #expect(try await rpc.sendRawTransaction(signed) == signed.hash)
        #expect(server.count("eth_sendRawTransaction") == 2)
        #expect(chain.accepted.map(\.transaction) == [signed])
        // Sending it yet again is "already known", which is success.
        #expect(try await rpc.sendRawTransaction(signed) == signed.hash)
        #expect(chain.accepted.count == 1)
    }

    @Test func aSendThatNeverArrivesIsReportedAsUncertain() async throws {
        let chain = LoopbackChain(chainID: 137)
        chain.inject("eth_sendRawTransaction", .status(502), .status(502))
        let server = try await LoopbackServer.start(routes: [chain.route])
        defer { Task { await server.stop() } }
        let rpc = testRPC(server, sendAttempts: 2)
        let signed = EIP1559Transaction(
            chainID: 137, nonce: 0, maxPriorityFeePerGas: 1, maxFeePerGas: 100_000_000_000, gasLimit: 120_000, to: Self.contract
        ).signed(with: testKey)

        do {
            _ = try await rpc.sendRawTransaction(signed)
            Issue.record("expected submissionUncertain")
        } catch {
            guard case .submissionUncertain(let hash, _) = error else { Issue.record("\(error)"); return }
            #expect(hash == signed.hash)
            #expect(error.description.contains("do not sign a new one"))
        }
        #expect(server.count("eth_sendRawTransaction") == 2)
        #expect(server.count("eth_getTransactionByHash") == 2)
    }
}
