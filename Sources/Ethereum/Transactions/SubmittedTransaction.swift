import BigInt

/// A transaction the node has accepted into its pool, with what was committed to.
public struct SubmittedTransaction: Hashable, Sendable {
    public let hash: Bytes32
    public let transaction: SignedEIP1559Transaction
    /// The node's gas estimate before the safety margin.
    public let gasEstimate: BigUInt
    public let baseFeeAtSubmission: BigUInt

    public var nonce: UInt64 { transaction.transaction.nonce }
    public var gasLimit: UInt64 { transaction.transaction.gasLimit }
    public var maxFeePerGas: BigUInt { transaction.transaction.maxFeePerGas }
    public var maxPriorityFeePerGas: BigUInt { transaction.transaction.maxPriorityFeePerGas }
    /// The most this transaction can cost in gas, in wei.
    public var maxGasCost: BigUInt { maxFeePerGas * BigUInt(gasLimit) }
}
