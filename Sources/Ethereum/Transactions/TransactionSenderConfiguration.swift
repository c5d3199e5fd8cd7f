import BigInt

/// The limits a ``TransactionSender`` keeps: which chain, how much gas and how high a fee it may
/// commit to, and how long it waits for a receipt.
public struct TransactionSenderConfiguration: Sendable {
    /// The chain the transactions are for; the RPC node must report the same id (137 Polygon,
    /// 80002 Amoy) or nothing is signed.
    public var chainID: UInt64
    /// Added to the node's gas estimate, in percent: state can change between estimate and
    /// inclusion, and running out of gas still costs the gas.
    public var gasSafetyMarginPercent: UInt64
    /// The most gas one transaction may use. An estimate above it is refused before signing —
    /// it usually means the call is not what was intended.
    public var gasLimitCap: UInt64
    /// The most wei per gas a transaction may ever offer (`maxFeePerGas` is clamped to it; if the
    /// base fee plus tip already exceed it, the send is refused).
    public var maxFeePerGasCap: BigUInt
    /// The least tip per gas offered, in wei, whatever the node suggests (Polygon nodes refuse
    /// tips below their minimum).
    public var minPriorityFeePerGas: BigUInt
    /// `maxFeePerGas` = base fee × this + tip, leaving room for the base fee to rise for a few
    /// blocks (it can grow 12.5 % per block).
    public var baseFeeMultiplier: UInt64
    public var receiptPollInterval: Duration
    /// How long to wait for a receipt before reporting the transaction as still pending.
    public var receiptTimeout: Duration

    public init(
        chainID: UInt64, gasSafetyMarginPercent: UInt64 = 20, gasLimitCap: UInt64 = 1_000_000,
        maxFeePerGasCap: BigUInt, minPriorityFeePerGas: BigUInt = 0, baseFeeMultiplier: UInt64 = 2,
        receiptPollInterval: Duration = .seconds(2), receiptTimeout: Duration = .seconds(120)
    ) {
        self.chainID = chainID
        self.gasSafetyMarginPercent = gasSafetyMarginPercent
        self.gasLimitCap = gasLimitCap
        self.maxFeePerGasCap = maxFeePerGasCap
        self.minPriorityFeePerGas = minPriorityFeePerGas
        self.baseFeeMultiplier = max(1, baseFeeMultiplier)
        self.receiptPollInterval = receiptPollInterval
        self.receiptTimeout = receiptTimeout
    }
}
