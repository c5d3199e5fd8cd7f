import BigInt
import EdgewiseEthereum
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Synchronization

/// A loopback JSON-RPC node with Polymarket's contracts on it, for the on-chain façade's tests.
///
/// `eth_sendRawTransaction` decodes the raw transaction with EdgewiseEthereum's decoder, recovers
/// the sender, checks chain id, nonce and fees, then decodes the calldata for the contract it is
/// addressed to (CTF or NegRiskAdapter) and records the operation with its arguments; a call to
/// any other contract or function is refused. `eth_call` answers the CTF's `payoutDenominator`
/// and `balanceOf` from state. Receipts appear after `pollsBeforeReceipt` null answers; a redeem
/// of an unresolved condition is mined with status 0, as the CTF's `require` would make it.
final class PolygonLoopbackNode: Sendable {
    enum Operation: Equatable, Sendable {
        case redeem(collateral: EthereumAddress, parent: Bytes32, condition: Bytes32, indexSets: [BigUInt])
        case split(collateral: EthereumAddress, parent: Bytes32, condition: Bytes32, partition: [BigUInt], amount: BigUInt)
        case merge(collateral: EthereumAddress, parent: Bytes32, condition: Bytes32, partition: [BigUInt], amount: BigUInt)
        case negRiskRedeem(condition: Bytes32, amounts: [BigUInt])
        case negRiskSplit(condition: Bytes32, amount: BigUInt)
        case negRiskMerge(condition: Bytes32, amount: BigUInt)
        /// A CTF-shaped call sent to one of the V2 pUSD collateral adapters.
        indirect case viaAdapter(EthereumAddress, Operation)
    }

    struct Mined: Sendable {
        var hash: Bytes32
        var sender: EthereumAddress
        var nonce: UInt64
        var maxFeePerGas: BigUInt
        var operation: Operation
        var succeeds: Bool
        var polls = 0
    }

    struct State: Sendable {
        var chainID: UInt64
        var baseFee: BigUInt = 30_000_000_000
        var priorityFee: BigUInt = 30_000_000_000
        /// The fee ceiling the client is configured with; a transaction above it is a client bug.
        var maxFeeCeiling: BigUInt
        var nonces: [EthereumAddress: UInt64] = [:]
        var payoutDenominators: [Bytes32: BigUInt] = [:]
        var balances: [BigUInt: BigUInt] = [:]
        var mined: [Mined] = []
        var pollsBeforeReceipt = 2
        /// Mine every transaction with status 0 (state changed between the checks and the block).
        var revertEverything = false
    }

    let contracts: PolymarketContracts
    let state: Mutex<State>

    init(contracts: PolymarketContracts, maxFeeCeiling: BigUInt) {
        self.contracts = contracts
        state = Mutex(State(chainID: contracts.chainID, maxFeeCeiling: maxFeeCeiling))
    }

    /// POST /rpc (the loopback router's wildcard does not serve the bare root).
    var route: LoopbackRoute { .post("/rpc") { request in self.handle(request) } }

    func update(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }
    var operations: [Operation] { state.withLock { $0.mined.map(\.operation) } }
    var mined: [Mined] { state.withLock { $0.mined } }

    func handle(_ request: LoopbackRequest) -> LoopbackResponse {
        guard let envelope = try? JSONDecoder().decode(JSONRPCValue.self, from: request.body), let method = envelope["method"]?.stringValue
        else { return .status(400) }
        let params = envelope["params"]?.arrayValue ?? []
        var reply: [String: JSONRPCValue] = ["jsonrpc": .string("2.0"), "id": envelope["id"] ?? .null]
        switch answer(method, params) {
        case .success(let result): reply["result"] = result
        case .failure(let failure): reply["error"] = .object(["code": .number(Decimal(failure.code)), "message": .string(failure.message)])
        }
        return .json(JSONRPCValue.object(reply).jsonData)
    }

    struct Failure: Error {
        var code = -32000
        var message: String
    }

    func answer(_ method: String, _ params: [JSONRPCValue]) -> Result<JSONRPCValue, Failure> {
        func quantity(_ value: BigUInt) -> Result<JSONRPCValue, Failure> { .success(.string(RPCQuantity.encode(value))) }
        switch method {
        case "eth_chainId": return quantity(BigUInt(state.withLock { $0.chainID }))
        case "eth_maxPriorityFeePerGas": return quantity(state.withLock { $0.priorityFee })
        case "eth_getBlockByNumber":
            return .success(.object(["number": .string("0x100"), "baseFeePerGas": .string(RPCQuantity.encode(state.withLock { $0.baseFee }))]))
        case "eth_getTransactionCount":
            guard let address = params.first?.stringValue.flatMap({ try? EthereumAddress($0) }) else { return .failure(Failure(code: -32602, message: "invalid address")) }
            return quantity(BigUInt(state.withLock { $0.nonces[address] ?? 0 }))
        case "eth_estimateGas": return quantity(180_000)
        case "eth_call":
            guard let data = params.first?["data"]?.stringValue.flatMap({ try? Hex.decode($0) }),
                  params.first?["to"]?.stringValue.flatMap({ try? EthereumAddress($0) }) == contracts.conditionalTokens
            else { return .failure(Failure(message: "execution reverted")) }
            return view(data).map { .string(Hex.encode($0)) }
        case "eth_sendRawTransaction":
            return send(params.first?.stringValue ?? "")
        case "eth_getTransactionReceipt":
            guard let hash = params.first?.stringValue.flatMap({ try? Bytes32(hex: $0) }) else { return .failure(Failure(code: -32602, message: "bad hash")) }
            return .success(receipt(hash))
        case "eth_getTransactionByHash":
            guard let hash = params.first?.stringValue.flatMap({ try? Bytes32(hex: $0) }) else { return .failure(Failure(code: -32602, message: "bad hash")) }
            return .success(state.withLock { $0.mined.contains { $0.hash == hash } } ? .object(["hash": .string(hash.hex)]) : .null)
        default:
            return .failure(Failure(code: -32601, message: "method \(method) not found"))
        }
    }

    /// The CTF's view functions.
    func view(_ data: [UInt8]) -> Result<[UInt8], Failure> {
        if let arguments = try? ABI.decodeCall(ConditionalTokensABI.payoutDenominator, calldata: data),
           let condition = arguments.first?.bytesValue.flatMap({ try? Bytes32($0) }) {
            return .success(ABIWord.uint(state.withLock { $0.payoutDenominators[condition] ?? 0 }))
        }
        if let arguments = try? ABI.decodeCall(ConditionalTokensABI.balanceOf, calldata: data), let id = arguments.last?.uintValue {
            return .success(ABIWord.uint(state.withLock { $0.balances[id] ?? 0 }))
        }
        return .failure(Failure(message: "execution reverted: unknown view call"))
    }

    func send(_ rawHex: String) -> Result<JSONRPCValue, Failure> {
        let signed: SignedEIP1559Transaction
        let sender: EthereumAddress
        do {
            signed = try SignedEIP1559Transaction(rawHex: rawHex)
            sender = try signed.recoverSender()
        } catch {
            return .failure(Failure(message: "invalid transaction: \(error)"))
        }
        let transaction = signed.transaction
        guard let to = transaction.to else { return .failure(Failure(message: "contract creation is not expected")) }
        let operation: Operation
        do {
            operation = try decodeOperation(to: to, data: transaction.data)
        } catch {
            return .failure(Failure(message: "unexpected call: \(error)"))
        }
        return state.withLock { state -> Result<JSONRPCValue, Failure> in
            if state.mined.contains(where: { $0.hash == signed.hash }) { return .failure(Failure(message: "already known")) }
            guard transaction.chainID == state.chainID else { return .failure(Failure(message: "invalid chain id for signer")) }
            let expected = state.nonces[sender] ?? 0
            guard transaction.nonce == expected else {
                return .failure(Failure(message: "nonce too \(transaction.nonce < expected ? "low" : "high"): next nonce \(expected)"))
            }
            guard transaction.maxFeePerGas >= state.baseFee, transaction.maxFeePerGas <= state.maxFeeCeiling,
                  transaction.maxPriorityFeePerGas <= transaction.maxFeePerGas
            else { return .failure(Failure(message: "fee outside [base fee, configured cap]: \(transaction.maxFeePerGas)")) }
            guard transaction.value.isZero else { return .failure(Failure(message: "these calls carry no value")) }
            // The CTF's `require(den > 0, "result for condition not received yet")`.
            var succeeds = true
            if case .redeem(_, _, let condition, _) = operation { succeeds = (state.payoutDenominators[condition] ?? 0) > 0 }
            if case .negRiskRedeem(let condition, _) = operation { succeeds = (state.payoutDenominators[condition] ?? 0) > 0 }
            if state.revertEverything { succeeds = false }
            state.nonces[sender] = expected + 1
            state.mined.append(Mined(
                hash: signed.hash, sender: sender, nonce: transaction.nonce, maxFeePerGas: transaction.maxFeePerGas,
                operation: operation, succeeds: succeeds))
            return .success(.string(signed.hash.hex))
        }
    }

    func decodeOperation(to: EthereumAddress, data: [UInt8]) throws -> Operation {
        func bytes32(_ value: ABIValue) throws -> Bytes32 { try Bytes32(value.bytesValue ?? []) }
        func address(_ value: ABIValue) throws -> EthereumAddress {
            guard let address = value.addressValue else { throw LoopbackError(description: "not an address") }
            return address
        }
        func uints(_ value: ABIValue) -> [BigUInt] { value.arrayValue?.compactMap(\.uintValue) ?? [] }
        let selector = Array(data.prefix(4))
        if let adapter = [contracts.collateralAdapter, contracts.negRiskCollateralAdapter].compactMap({ $0 }).first(where: { $0 == to }) {
            var direct = contracts
            direct.collateralAdapter = nil
            direct.negRiskCollateralAdapter = nil
            return .viaAdapter(adapter, try PolygonLoopbackNode(contracts: direct, maxFeeCeiling: 0).decodeOperation(to: direct.conditionalTokens, data: data))
        }
        if to == contracts.conditionalTokens {
            switch selector {
            case ConditionalTokensABI.redeemPositions.selector:
                let a = try ABI.decodeCall(ConditionalTokensABI.redeemPositions, calldata: data)
                return .redeem(collateral: try address(a[0]), parent: try bytes32(a[1]), condition: try bytes32(a[2]), indexSets: uints(a[3]))
            case ConditionalTokensABI.splitPosition.selector:
                let a = try ABI.decodeCall(ConditionalTokensABI.splitPosition, calldata: data)
                return .split(collateral: try address(a[0]), parent: try bytes32(a[1]), condition: try bytes32(a[2]), partition: uints(a[3]), amount: a[4].uintValue ?? 0)
            case ConditionalTokensABI.mergePositions.selector:
                let a = try ABI.decodeCall(ConditionalTokensABI.mergePositions, calldata: data)
                return .merge(collateral: try address(a[0]), parent: try bytes32(a[1]), condition: try bytes32(a[2]), partition: uints(a[3]), amount: a[4].uintValue ?? 0)
            default: break
            }
        } else if to == contracts.negRiskAdapter {
            switch selector {
            case NegRiskAdapterABI.redeemPositions.selector:
                let a = try ABI.decodeCall(NegRiskAdapterABI.redeemPositions, calldata: data)
                return .negRiskRedeem(condition: try bytes32(a[0]), amounts: uints(a[1]))
            case NegRiskAdapterABI.splitPosition.selector:
                let a = try ABI.decodeCall(NegRiskAdapterABI.splitPosition, calldata: data)
                return .negRiskSplit(condition: try bytes32(a[0]), amount: a[1].uintValue ?? 0)
            case NegRiskAdapterABI.mergePositions.selector:
                let a = try ABI.decodeCall(NegRiskAdapterABI.mergePositions, calldata: data)
                return .negRiskMerge(condition: try bytes32(a[0]), amount: a[1].uintValue ?? 0)
            default: break
            }
        }
        throw LoopbackError(description: "no function \(Hex.encode(selector)) on \(to)")
    }

    func receipt(_ hash: Bytes32) -> JSONRPCValue {
        state.withLock { state in
            guard let index = state.mined.firstIndex(where: { $0.hash == hash }) else { return .null }
            state.mined[index].polls += 1
            guard state.mined[index].polls > state.pollsBeforeReceipt else { return .null }
            return .object([
                "transactionHash": .string(hash.hex), "status": .string(state.mined[index].succeeds ? "0x1" : "0x0"),
                "blockNumber": .string(RPCQuantity.encode(UInt64(200 + index))), "gasUsed": .string("0x2bf20"),
                "effectiveGasPrice": .string(RPCQuantity.encode(state.baseFee + state.priorityFee)),
            ])
        }
    }
}
