import BigInt
import Logging

/// Builds, signs and submits contract calls from one key, and waits for their receipts.
///
/// Before anything is signed it checks the node's chain id, estimates gas (refusing estimates
/// above the cap) and prices the fee from the latest base fee and the node's tip (refusing when
/// the cap cannot cover them). Submissions from one sender are serialised, so two concurrent
/// calls never read the same pending nonce; the nonce is the larger of the node's pending count
/// and the one after our last accepted transaction, because a load-balanced RPC can answer from
/// a node that has not seen that transaction yet. A "nonce too low" answer is retried once with
/// a fresh nonce; anything else is reported, typed.
public actor TransactionSender {
    public nonisolated let address: EthereumAddress
    public nonisolated let configuration: TransactionSenderConfiguration
    private let key: EthereumPrivateKey
    private let rpc: EthereumRPCClient
    private let clock: PollingClock
    private let logger: Logger

    private var chainVerified = false
    private var nextNonce: UInt64?
    private var sending = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(
        key: EthereumPrivateKey, rpc: EthereumRPCClient, configuration: TransactionSenderConfiguration,
        clock: PollingClock = .continuous, logger: Logger = Logger(label: "edgewise.ethereum.sender")
    ) {
        self.key = key
        self.address = key.address
        self.rpc = rpc
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// Submits a call and waits for its receipt; a status-0 receipt throws ``TransactionSenderError/reverted(hash:receipt:)``.
    public func send(to contract: EthereumAddress, data: [UInt8], value: BigUInt = 0) async throws(TransactionSenderError) -> TransactionReceipt {
        let submitted = try await submit(to: contract, data: data, value: value)
        return try await waitForReceipt(submitted.hash)
    }

    /// Builds, signs and submits a call; returns once the node has accepted it.
    public func submit(to contract: EthereumAddress, data: [UInt8], value: BigUInt = 0) async throws(TransactionSenderError) -> SubmittedTransaction {
        await acquire()
        defer { release() }
        try await verifyChain()
        let call = EthereumCall(from: address, to: contract, data: data, value: value)
        let estimate = try await rpcCall { () async throws(EthereumRPCError) in try await rpc.estimateGas(call) }
        let gasLimit = try gasLimit(forEstimate: estimate)
        let (maxFee, tip, baseFee) = try await fees()

        var transaction = EIP1559Transaction(
            chainID: configuration.chainID, nonce: try await freshNonce(after: nil), maxPriorityFeePerGas: tip,
            maxFeePerGas: maxFee, gasLimit: gasLimit, to: contract, value: value, data: data)
        var signed = transaction.signed(with: key)
        let hash: Bytes32
        do throws(EthereumRPCError) {
            hash = try await rpc.sendRawTransaction(signed)
        } catch .nonceTooLow(let message) {
            // Another transaction from this key took the nonce (another process, or a node that
            // lagged); re-read once and rebuild rather than guessing further.
            logger.warning("nonce too low; re-reading the pending nonce once", metadata: [
                "nonce": "\(transaction.nonce)", "message": "\(message)",
            ])
            transaction.nonce = try await freshNonce(after: transaction.nonce)
            signed = transaction.signed(with: key)
            hash = try await rpcCall { [signed] () async throws(EthereumRPCError) in try await rpc.sendRawTransaction(signed) }
        } catch {
            throw .rpc(error)
        }
        nextNonce = transaction.nonce + 1
        logger.info("transaction submitted", metadata: [
            "hash": "\(hash.hex)", "nonce": "\(transaction.nonce)", "to": "\(contract)", "gasLimit": "\(gasLimit)",
            "maxFeePerGas": "\(maxFee)", "maxPriorityFeePerGas": "\(tip)",
        ])
        return SubmittedTransaction(hash: hash, transaction: signed, gasEstimate: estimate, baseFeeAtSubmission: baseFee)
    }

    /// Polls for the receipt until ``TransactionSenderConfiguration/receiptTimeout``. Read errors
    /// while polling are tolerated until then (the node may be briefly unreachable).
    public func waitForReceipt(_ hash: Bytes32) async throws(TransactionSenderError) -> TransactionReceipt {
        let start = clock.now()
        var lastError: String?
        while true {
            var receipt: TransactionReceipt?
            do throws(EthereumRPCError) {
                receipt = try await rpc.transactionReceipt(hash)
            } catch {
                lastError = error.description
            }
            if let receipt {
                guard receipt.succeeded else { throw .reverted(hash: hash, receipt: receipt) }
                return receipt
            }
            let waited = clock.now() - start
            guard waited < configuration.receiptTimeout else {
                throw .receiptTimeout(hash: hash, waited: waited, lastError: lastError)
            }
            do { try await clock.sleep(configuration.receiptPollInterval) } catch { throw .cancelled }
        }
    }

    // MARK: Steps

    private func verifyChain() async throws(TransactionSenderError) {
        guard !chainVerified else { return }
        let node = try await rpcCall { () async throws(EthereumRPCError) in try await rpc.chainID() }
        guard node == configuration.chainID else { throw .chainMismatch(configured: configuration.chainID, node: node) }
        chainVerified = true
    }

    /// The estimate plus the safety margin (rounded up), at most the cap; an estimate above the
    /// cap is refused.
    func gasLimit(forEstimate estimate: BigUInt) throws(TransactionSenderError) -> UInt64 {
        let cap = BigUInt(configuration.gasLimitCap)
        guard estimate <= cap else { throw .gasEstimateAboveCap(estimate: estimate, cap: configuration.gasLimitCap) }
        let withMargin = (estimate * BigUInt(100 + configuration.gasSafetyMarginPercent) + 99) / 100
        return UInt64(min(withMargin, cap))
    }

    private func fees() async throws(TransactionSenderError) -> (maxFee: BigUInt, tip: BigUInt, baseFee: BigUInt) {
        let baseFee = try await rpcCall { () async throws(EthereumRPCError) in try await rpc.latestBaseFee() }
        let suggested = try await rpcCall { () async throws(EthereumRPCError) in try await rpc.maxPriorityFeePerGas() }
        let tip = max(suggested, configuration.minPriorityFeePerGas)
        let cap = configuration.maxFeePerGasCap
        guard baseFee + tip <= cap else { throw .feeAboveCap(baseFee: baseFee, priorityFee: tip, cap: cap) }
        return (min(baseFee * BigUInt(configuration.baseFeeMultiplier) + tip, cap), tip, baseFee)
    }

    /// The node's pending nonce, never below the one after our last accepted transaction, and
    /// above `rejected` when the node has just called that one too low.
    private func freshNonce(after rejected: UInt64?) async throws(TransactionSenderError) -> UInt64 {
        let address = address
        var nonce = try await rpcCall { () async throws(EthereumRPCError) in try await rpc.transactionCount(of: address, block: .pending) }
        if let nextNonce { nonce = max(nonce, nextNonce) }
        if let rejected { nonce = max(nonce, rejected + 1) }
        return nonce
    }

    private func rpcCall<T: Sendable>(_ body: () async throws(EthereumRPCError) -> T) async throws(TransactionSenderError) -> T {
        do { return try await body() } catch { throw .rpc(error) }
    }

    // MARK: Serialisation

    private func acquire() async {
        guard sending else {
            sending = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { sending = false } else { waiting.removeFirst().resume() }
    }
}
