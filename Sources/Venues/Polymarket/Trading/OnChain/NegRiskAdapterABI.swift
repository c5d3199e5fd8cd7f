import BigInt
import EdgewiseEthereum

/// The NegRiskAdapter functions for neg-risk markets (Polymarket/neg-risk-ctf-adapter,
/// NegRiskAdapter.sol). The adapter wraps the collateral and holds the CTF positions' collateral
/// itself, so neg-risk positions are split, merged and redeemed through it rather than the CTF.
public enum NegRiskAdapterABI {
    /// `amounts` is always [yes, no]: how many of each outcome token to hand in. The adapter pulls
    /// them with the CTF's `safeBatchTransferFrom`, so the caller must have approved the adapter
    /// (`setApprovalForAll`) on the CTF.
    public static let redeemPositions = ABIFunction(name: "redeemPositions", parameters: [.bytes32, .array(.uint256)])
    public static let splitPosition = ABIFunction(name: "splitPosition", parameters: [.bytes32, .uint256])
    public static let mergePositions = ABIFunction(name: "mergePositions", parameters: [.bytes32, .uint256])

    public static func redeemCalldata(conditionID: Bytes32, yesAmount: BigUInt, noAmount: BigUInt) -> [UInt8] {
        ConditionalTokensABI.encode(redeemPositions, [.bytes32(conditionID), .uintArray([yesAmount, noAmount])])
    }

    public static func splitCalldata(conditionID: Bytes32, amount: BigUInt) -> [UInt8] {
        ConditionalTokensABI.encode(splitPosition, [.bytes32(conditionID), .uint(amount)])
    }

    public static func mergeCalldata(conditionID: Bytes32, amount: BigUInt) -> [UInt8] {
        ConditionalTokensABI.encode(mergePositions, [.bytes32(conditionID), .uint(amount)])
    }
}
