import BigInt
import EdgewiseEthereum
import EdgewiseTestSupport
import Foundation
import Synchronization

/// A simulated EVM chain behind a real loopback HTTP server: the JSON-RPC methods the sender
/// uses, with state (nonces, balances, pending transactions, receipts that appear after a number
/// of polls) and scripted faults.
///
/// `eth_sendRawTransaction` decodes the raw bytes with the module's own decoder, recovers the
/// sender and checks what a node checks — chain id, nonce, fee caps against the base fee, gas,
/// balance — plus whatever `validate` says about the call itself, so a test fails if the client
/// sends anything a real node would refuse.
final class LoopbackChain: Sendable {
    /// What to do instead of (or around) answering one call of a method.
    enum Fault: Sendable {
        /// Answer with this HTTP status, without processing.
        case status(Int)
        /// Answer with this body verbatim (HTTP 200), without processing.
        case reply(String)
        /// Answer with this result (and the request's id), without processing.
        case result(JSONRPCValue)
        /// Answer with a JSON-RPC error object, without processing.
        case rpcError(code: Int, message: String, data: String? = nil)
        /// Process the call, then hold the answer back this long (the client times out, yet the
        /// node has acted).
        case slowAfterProcessing(Duration)
        /// Hold the answer back this long and never process the call (a request lost in transit).
        case lost(Duration)
    }

    struct Accepted: Sendable {
        var transaction: SignedEIP1559Transaction
        var sender: EthereumAddress
        var polls = 0
        var succeeds: Bool
        var block: UInt64
    }

    struct State: Sendable {
        var chainID: UInt64
        var baseFee: BigUInt = 30_000_000_000
        var priorityFee: BigUInt = 2_000_000_000
        var gasEstimate: BigUInt = 100_000
        /// Pending nonce per account.
        var nonces: [EthereumAddress: UInt64] = [:]
        /// Native balance per account, in wei; unlisted accounts have 10^21.
        var balances: [EthereumAddress: BigUInt] = [:]
        var transactions: [Bytes32: Accepted] = [:]
        var order: [Bytes32] = []
        /// A receipt appears on the poll after this many null answers.
        var pollsBeforeReceipt = 2
        var faults: [String: [Fault]] = [:]
        var blockNumber: UInt64 = 1000
    }

    let state: Mutex<State>
    /// Checks the decoded call; a non-nil message rejects the transaction with it.
    let validate: @Sendable (SignedEIP1559Transaction) -> String?
    /// Whether the mined transaction succeeds (status 1) or reverts (status 0).
    let outcome: @Sendable (SignedEIP1559Transaction) -> Bool
    /// Answers `eth_call` (and refuses `eth_estimateGas` when it returns an error).
    let call: @Sendable (_ to: String, _ data: [UInt8]) -> Result<[UInt8], CallFailure>

    struct CallFailure: Error {
        var code = 3
        var message: String
        var data: [UInt8]?
    }

    init(
        chainID: UInt64 = 137,
        validate: @escaping @Sendable (SignedEIP1559Transaction) -> String? = { _ in nil },
        outcome: @escaping @Sendable (SignedEIP1559Transaction) -> Bool = { _ in true },
        call: @escaping @Sendable (String, [UInt8]) -> Result<[UInt8], CallFailure> = { _, _ in .success(ABIWord.uint(UInt64(0))) }
    ) {
        state = Mutex(State(chainID: chainID))
        self.validate = validate
        self.outcome = outcome
        self.call = call
    }

    /// The route to give `LoopbackServer.start(routes:)`: POST /rpc, the way hosted providers put
    /// the endpoint below a path (the loopback router's wildcard does not serve the bare root).
    var route: LoopbackRoute { .post("/rpc") { request in await self.handle(request) } }

    func update(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }

    func inject(_ method: String, _ faults: Fault...) {
        state.withLock { $0.faults[method, default: []] += faults }
    }

    var accepted: [Accepted] { state.withLock { state in state.order.compactMap { state.transactions[$0] } } }

    // MARK: Dispatch

    func handle(_ request: LoopbackRequest) async -> LoopbackResponse {
        guard let envelope = try? JSONDecoder().decode(JSONRPCValue.self, from: request.body),
              let method = envelope["method"]?.stringValue, let id = envelope["id"]
        else { return .json(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}"#) }
        let params = envelope["params"]?.arrayValue ?? []
        let fault = state.withLock { state -> Fault? in
            guard var queue = state.faults[method], !queue.isEmpty else { return nil }
            let first = queue.removeFirst()
            state.faults[method] = queue
            return first
        }
        switch fault {
        case .status(let status)?:
            return .status(status, body: "scripted \(status)")
        case .reply(let body)?:
            return .json(body)
        case .result(let value)?:
            return reply(id: id, .success(value))
        case .rpcError(let code, let message, let data)?:
            return reply(id: id, .failure(CallFailure(code: code, message: message, data: data.flatMap { try? Hex.decode($0) })))
        case .lost(let delay)?:
            try? await Task.sleep(for: delay)
            return .status(504)
        case .slowAfterProcessing(let delay)?:
            let answer = reply(id: id, process(method, params))
            try? await Task.sleep(for: delay)
            return answer
        case nil:
            return reply(id: id, process(method, params))
        }
    }

    func reply(id: JSONRPCValue, _ result: Result<JSONRPCValue, CallFailure>) -> LoopbackResponse {
        var envelope: [String: JSONRPCValue] = ["jsonrpc": .string("2.0"), "id": id]
        switch result {
        case .success(let value):
            envelope["result"] = value
        case .failure(let failure):
            var error: [String: JSONRPCValue] = ["code": .number(Decimal(failure.code)), "message": .string(failure.message)]
            if let data = failure.data { error["data"] = .string(Hex.encode(data)) }
            envelope["error"] = .object(error)
        }
        return .json(JSONRPCValue.object(envelope).jsonData)
    }

    func process(_ method: String, _ params: [JSONRPCValue]) -> Result<JSONRPCValue, CallFailure> {
        switch method {
        case "eth_chainId":
            return .success(.string(RPCQuantity.encode(state.withLock { $0.chainID })))
        case "eth_maxPriorityFeePerGas":
            return .success(.string(RPCQuantity.encode(state.withLock { $0.priorityFee })))
        case "eth_getBlockByNumber":
            let (fee, number) = state.withLock { ($0.baseFee, $0.blockNumber) }
            return .success(.object([
                "number": .string(RPCQuantity.encode(number)), "baseFeePerGas": .string(RPCQuantity.encode(fee)),
            ]))
        case "eth_getTransactionCount":
            guard let text = params.first?.stringValue, let address = try? EthereumAddress(text) else { return invalidParams() }
            return .success(.string(RPCQuantity.encode(state.withLock { $0.nonces[address] ?? 0 })))
        case "eth_estimateGas":
            guard let (to, data) = callParams(params) else { return invalidParams() }
            if case .failure(let failure) = call(to, data) { return .failure(failure) }
            return .success(.string(RPCQuantity.encode(state.withLock { $0.gasEstimate })))
        case "eth_call":
            guard let (to, data) = callParams(params) else { return invalidParams() }
            return call(to, data).map { .string(Hex.encode($0)) }
        case "eth_sendRawTransaction":
            guard let text = params.first?.stringValue else { return invalidParams() }
            return sendRaw(text)
        case "eth_getTransactionReceipt":
            guard let text = params.first?.stringValue, let hash = try? Bytes32(hex: text) else { return invalidParams() }
            return .success(receipt(hash))
        case "eth_getTransactionByHash":
            guard let text = params.first?.stringValue, let hash = try? Bytes32(hex: text) else { return invalidParams() }
            guard let known = state.withLock({ $0.transactions[hash] }) else { return .success(.null) }
            return .success(.object([
                "hash": .string(hash.hex), "from": .string(known.sender.checksummed),
                "nonce": .string(RPCQuantity.encode(known.transaction.transaction.nonce)),
            ]))
        default:
            return .failure(CallFailure(code: -32601, message: "the method \(method) does not exist/is not available"))
        }
    }

    func callParams(_ params: [JSONRPCValue]) -> (String, [UInt8])? {
        guard let object = params.first, let to = object["to"]?.stringValue, let hex = object["data"]?.stringValue,
              let data = try? Hex.decode(hex)
        else { return nil }
        return (to, data)
    }

    func invalidParams() -> Result<JSONRPCValue, CallFailure> { .failure(CallFailure(code: -32602, message: "invalid params")) }

    /// What a node checks before it admits a transaction to its pool.
    func sendRaw(_ text: String) -> Result<JSONRPCValue, CallFailure> {
        let signed: SignedEIP1559Transaction
        let sender: EthereumAddress
        do {
            signed = try SignedEIP1559Transaction(rawHex: text)
            sender = try signed.recoverSender()
        } catch {
            return .failure(CallFailure(code: -32000, message: "rlp: \(error)"))
        }
        let transaction = signed.transaction
        let rejection = validate(signed)
        return state.withLock { state -> Result<JSONRPCValue, CallFailure> in
            func reject(_ message: String) -> Result<JSONRPCValue, CallFailure> { .failure(CallFailure(code: -32000, message: message)) }
            if state.transactions[signed.hash] != nil { return reject("already known") }
            guard transaction.chainID == state.chainID else { return reject("invalid chain id for signer") }
            let expected = state.nonces[sender] ?? 0
            if transaction.nonce < expected { return reject("nonce too low: next nonce \(expected), tx nonce \(transaction.nonce)") }
            // A real node would queue a gapped nonce; here a gap is a client bug to catch.
            if transaction.nonce > expected { return reject("nonce too high: next nonce \(expected), tx nonce \(transaction.nonce)") }
            guard transaction.maxPriorityFeePerGas <= transaction.maxFeePerGas else { return reject("max priority fee per gas higher than max fee per gas") }
            guard transaction.maxFeePerGas >= state.baseFee else {
                return reject("max fee per gas less than block base fee: maxFeePerGas: \(transaction.maxFeePerGas), baseFee: \(state.baseFee)")
            }
            guard BigUInt(transaction.gasLimit) >= state.gasEstimate else { return reject("intrinsic gas too low") }
            let cost = BigUInt(transaction.gasLimit) * transaction.maxFeePerGas + transaction.value
            let balance = state.balances[sender] ?? BigUInt(10).power(21)
            guard cost <= balance else {
                return reject("insufficient funds for gas * price + value: address \(sender) have \(balance) want \(cost)")
            }
            if let rejection { return reject(rejection) }
            state.nonces[sender] = expected + 1
            state.blockNumber += 1
            state.transactions[signed.hash] = Accepted(
                transaction: signed, sender: sender, succeeds: outcome(signed), block: state.blockNumber)
            state.order.append(signed.hash)
            return .success(.string(signed.hash.hex))
        }
    }

    func receipt(_ hash: Bytes32) -> JSONRPCValue {
        state.withLock { state in
            guard var known = state.transactions[hash] else { return .null }
            known.polls += 1
            state.transactions[hash] = known
            guard known.polls > state.pollsBeforeReceipt else { return .null }
            return .object([
                "transactionHash": .string(hash.hex), "status": .string(known.succeeds ? "0x1" : "0x0"),
                "blockNumber": .string(RPCQuantity.encode(known.block)), "gasUsed": .string(RPCQuantity.encode(state.gasEstimate)),
                "effectiveGasPrice": .string(RPCQuantity.encode(state.baseFee + known.transaction.transaction.maxPriorityFeePerGas)),
                "from": .string(known.sender.checksummed),
            ])
        }
    }
}

extension LoopbackServer {
    /// The JSON-RPC methods the server received, in order.
    var rpcMethods: [String] {
        requests.compactMap { try? JSONDecoder().decode(JSONRPCValue.self, from: $0.body)["method"]?.stringValue }
    }

    func count(_ method: String) -> Int { rpcMethods.filter { $0 == method }.count }
}
