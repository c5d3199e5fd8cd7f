import AsyncHTTPClient
import BigInt
import EdgewiseVenueKit
import Foundation
import Logging
import Synchronization

/// An Ethereum JSON-RPC 2.0 client over HTTP, on VenueKit's transport (timeouts, retries,
/// `Retry-After`, typed failures).
///
/// Reads are idempotent and retried by the transport on 429/5xx/timeouts. Submitting a
/// transaction is not blindly retried: when a send fails in a way that leaves its fate unknown,
/// the client asks the node for the transaction by hash and re-sends the same signed bytes only if
/// the node does not have it (a re-send can never double-spend — same nonce, same hash — but it
/// would hide what happened).
public struct EthereumRPCClient: Sendable {
    public let configuration: EthereumRPCConfiguration
    let transport: HTTPTransport
    let ids: RequestIDs
    let logger: Logger

    final class RequestIDs: Sendable {
        let next = Atomic<Int>(1)
        func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
    }

    public init(
        configuration: EthereumRPCConfiguration, client: HTTPClient = HTTPTransport.sharedClient,
        logger: Logger = Logger(label: "edgewise.ethereum.rpc")
    ) {
        self.configuration = configuration
        self.transport = HTTPTransport(
            baseURL: configuration.url, overrideHint: configuration.overrideHint, configuration: configuration.transport,
            client: client, logger: logger)
        self.ids = RequestIDs()
        self.logger = logger
    }

    // MARK: Reads

    public func chainID() async throws(EthereumRPCError) -> UInt64 {
        try uint64(try await request("eth_chainId", []), method: "eth_chainId")
    }

    /// The number of transactions sent from `address`; with `.pending`, the next nonce to use.
    public func transactionCount(of address: EthereumAddress, block: BlockTag = .pending) async throws(EthereumRPCError) -> UInt64 {
        let method = "eth_getTransactionCount"
        return try uint64(try await request(method, [.string(address.checksummed), .string(block.rawValue)]), method: method)
    }

    public func estimateGas(_ call: EthereumCall) async throws(EthereumRPCError) -> BigUInt {
        try quantity(try await request("eth_estimateGas", [call.json]), method: "eth_estimateGas")
    }

    /// The node's suggested tip per gas, in wei.
    public func maxPriorityFeePerGas() async throws(EthereumRPCError) -> BigUInt {
        try quantity(try await request("eth_maxPriorityFeePerGas", []), method: "eth_maxPriorityFeePerGas")
    }

    /// The latest block's base fee per gas, in wei.
    public func latestBaseFee() async throws(EthereumRPCError) -> BigUInt {
        let method = "eth_getBlockByNumber"
        let block = try await request(method, [.string(BlockTag.latest.rawValue), .bool(false)])
        guard block.objectValue != nil else { throw .malformedReply(method: method, detail: "the latest block is not an object") }
        guard let text = block["baseFeePerGas"]?.stringValue else {
            throw .malformedReply(method: method, detail: "the latest block has no baseFeePerGas; the chain may not support EIP-1559")
        }
        guard let fee = RPCQuantity.parse(text) else { throw .malformedReply(method: method, detail: "baseFeePerGas is not a hex quantity") }
        return fee
    }

    /// The return data of a read-only call.
    public func call(_ call: EthereumCall, block: BlockTag = .latest) async throws(EthereumRPCError) -> [UInt8] {
        let method = "eth_call"
        let result = try await request(method, [call.json, .string(block.rawValue)])
        guard let text = result.stringValue, text.hasPrefix("0x"), let bytes = try? Hex.decode(text) else {
            throw .malformedReply(method: method, detail: "result is not 0x-prefixed hex data")
        }
        return bytes
    }

    /// The receipt, or nil while the transaction is not yet mined (or unknown to the node).
    public func transactionReceipt(_ hash: Bytes32) async throws(EthereumRPCError) -> TransactionReceipt? {
        let method = "eth_getTransactionReceipt"
        let result = try await request(method, [.string(hash.hex)])
        if result.isNull { return nil }
        let receipt = try TransactionReceipt(json: result, method: method)
        guard receipt.transactionHash == hash else {
            throw .malformedReply(method: method, detail: "receipt is for \(receipt.transactionHash.hex), asked for \(hash.hex)")
        }
        return receipt
    }

    /// Whether the node knows the transaction (pending or mined).
    public func transactionIsKnown(_ hash: Bytes32) async throws(EthereumRPCError) -> Bool {
        let method = "eth_getTransactionByHash"
        let result = try await request(method, [.string(hash.hex)])
        if result.isNull { return false }
        guard result.objectValue != nil else { throw .malformedReply(method: method, detail: "result is neither null nor an object") }
        return true
    }

    // MARK: Submission

    /// Submits a signed transaction and returns its hash.
    ///
    /// "already known" counts as success. After an ambiguous failure (timeout, dropped connection,
    /// 5xx) the transaction is looked up by hash; only if the node does not have it is the same
    /// raw transaction sent again, up to ``EthereumRPCConfiguration/sendAttempts`` submissions.
    public func sendRawTransaction(_ transaction: SignedEIP1559Transaction) async throws(EthereumRPCError) -> Bytes32 {
        let method = "eth_sendRawTransaction"
        let hash = transaction.hash
        let raw = JSONRPCValue.string(transaction.rawHex)
        var attempt = 1
        while true {
            let failure: EthereumRPCError
            do throws(EthereumRPCError) {
                let result = try await request(method, [raw], idempotent: false)
                guard let text = result.stringValue, let returned = try? Bytes32(hex: text) else {
                    throw .malformedReply(method: method, detail: "result is not a 32-byte transaction hash")
                }
                guard returned == hash else {
                    throw .malformedReply(method: method, detail: "node returned hash \(returned.hex) for transaction \(hash.hex)")
                }
                return hash
            } catch .alreadyKnown {
                return hash
            } catch .nonceTooLow(let message) where attempt > 1 {
                // An earlier, ambiguous submission of this very transaction may have been mined.
                if (try? await transactionIsKnown(hash)) == true { return hash }
                throw .nonceTooLow(message: message)
            } catch .transport(let method, let error) where Self.isAmbiguous(error) {
                failure = .transport(method: method, error)
            } catch {
                throw error
            }
            logger.warning("transaction submission failed ambiguously; checking by hash before any re-send", metadata: [
                "hash": "\(hash.hex)", "attempt": "\(attempt)", "error": "\(failure)",
            ])
            // If the look-up fails too, re-sending is still safe: the same bytes can be mined once.
            if (try? await transactionIsKnown(hash)) == true { return hash }
            guard attempt < configuration.sendAttempts else {
                throw .submissionUncertain(hash: hash, lastError: failure.description)
            }
            do { try await Task.sleep(for: configuration.sendRetryDelay) } catch {
                throw .submissionUncertain(hash: hash, lastError: "cancelled after: \(failure)")
            }
            attempt += 1
        }
    }

    /// Failures after which the node may have received the request.
    static func isAmbiguous(_ error: VenueError) -> Bool {
        switch error {
        case .timeout, .unreachable, .server, .rateLimited: true
        case .client, .decoding, .invalidRequest, .cancelled: false
        }
    }

    // MARK: JSON-RPC

    /// One JSON-RPC call; returns `result` (possibly `null`) or throws the classified error.
    /// `idempotent` calls are retried by the transport on transient failures.
    public func request(_ method: String, _ params: [JSONRPCValue], idempotent: Bool = true) async throws(EthereumRPCError) -> JSONRPCValue {
        let id = ids.take()
        let envelope = JSONRPCValue.object([
            "jsonrpc": .string("2.0"), "id": .number(Decimal(id)), "method": .string(method), "params": .array(params),
        ])
        let request = VenueRequest(
            .post, "", body: envelope.jsonData, headers: [("Content-Type", "application/json")],
            isIdempotent: idempotent, endpointName: method)
        let response: VenueResponse
        do {
            response = try await transport.send(request)
        } catch {
            // Some providers answer JSON-RPC errors with HTTP 4xx; the body still says what failed.
            if case .client(_, _, let body) = error, let reply = try? JSONDecoder().decode(JSONRPCValue.self, from: Data(body.utf8)),
               let rpcError = reply["error"], let classified = Self.classify(rpcError, method: method) {
                throw classified
            }
            throw .transport(method: method, error)
        }
        return try Self.result(of: response.body, method: method, id: id)
    }

    static func result(of body: Data, method: String, id: Int) throws(EthereumRPCError) -> JSONRPCValue {
        guard let reply = try? JSONDecoder().decode(JSONRPCValue.self, from: body), let members = reply.objectValue else {
            throw .malformedReply(method: method, detail: "body is not a JSON object: \(excerpt(body))")
        }
        guard members["id"]?.intValue == id else {
            throw .malformedReply(method: method, detail: "reply id \(members["id"].map { String(describing: $0) } ?? "missing") does not match request id \(id)")
        }
        if let error = members["error"], !error.isNull {
            guard let classified = classify(error, method: method) else {
                throw .malformedReply(method: method, detail: "error member is not a JSON-RPC error object")
            }
            throw classified
        }
        // "result": null is a valid answer (no receipt yet); a missing result is not.
        guard let result = members["result"] else { throw .malformedReply(method: method, detail: "reply has neither result nor error") }
        return result
    }

    static func classify(_ error: JSONRPCValue, method: String) -> EthereumRPCError? {
        guard let code = error["code"]?.intValue, let message = error["message"]?.stringValue else { return nil }
        return EthereumRPCError.classify(method: method, code: code, message: message, data: error["data"])
    }

    static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(120), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        return body.count > 120 ? text + "…" : text
    }

    func quantity(_ value: JSONRPCValue, method: String) throws(EthereumRPCError) -> BigUInt {
        guard let text = value.stringValue, let number = RPCQuantity.parse(text) else {
            throw .malformedReply(method: method, detail: "result is not a hex quantity")
        }
        return number
    }

    func uint64(_ value: JSONRPCValue, method: String) throws(EthereumRPCError) -> UInt64 {
        guard let text = value.stringValue, let number = RPCQuantity.parseUInt64(text) else {
            throw .malformedReply(method: method, detail: "result is not a hex quantity below 2^64")
        }
        return number
    }
}
