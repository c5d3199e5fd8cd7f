import BigInt
import EdgewiseEthereum

/// The Gnosis ConditionalTokens functions Polymarket uses, with their exact signatures
/// (gnosis/conditional-tokens-contracts, ConditionalTokens.sol; `IERC20` encodes as `address`,
/// `uint` as `uint256`).
public enum ConditionalTokensABI {
    public static let redeemPositions = ABIFunction(
        name: "redeemPositions", parameters: [.address, .bytes32, .bytes32, .array(.uint256)])
    public static let splitPosition = ABIFunction(
        name: "splitPosition", parameters: [.address, .bytes32, .bytes32, .array(.uint256), .uint256])
    public static let mergePositions = ABIFunction(
        name: "mergePositions", parameters: [.address, .bytes32, .bytes32, .array(.uint256), .uint256])
    /// ERC-1155 `balanceOf(address owner, uint256 id)`; Polymarket's token ids are the position ids.
    public static let balanceOf = ABIFunction(name: "balanceOf", parameters: [.address, .uint256])
    /// The public mapping's getter: zero until the oracle has reported the condition's payouts.
    public static let payoutDenominator = ABIFunction(name: "payoutDenominator", parameters: [.bytes32])

    /// A binary condition's two outcome slots as index sets: 0b01 (first outcome), 0b10 (second).
    public static let binaryPartition: [BigUInt] = [1, 2]

    /// Redeems every position the caller holds in the condition's outcomes, top-level (no parent
    /// collection), paying out in `collateral`.
    public static func redeemCalldata(collateral: EthereumAddress, conditionID: Bytes32) -> [UInt8] {
        encode(redeemPositions, [.address(collateral), .bytes32(.zero), .bytes32(conditionID), .uintArray(binaryPartition)])
    }

    /// Turns `amount` collateral into `amount` of each outcome token.
    public static func splitCalldata(collateral: EthereumAddress, conditionID: Bytes32, amount: BigUInt) -> [UInt8] {
        encode(splitPosition, [.address(collateral), .bytes32(.zero), .bytes32(conditionID), .uintArray(binaryPartition), .uint(amount)])
    }

    /// Turns `amount` of each outcome token back into `amount` collateral.
    public static func mergeCalldata(collateral: EthereumAddress, conditionID: Bytes32, amount: BigUInt) -> [UInt8] {
        encode(mergePositions, [.address(collateral), .bytes32(.zero), .bytes32(conditionID), .uintArray(binaryPartition), .uint(amount)])
    }

    public static func balanceOfCalldata(owner: EthereumAddress, positionID: BigUInt) -> [UInt8] {
        encode(balanceOf, [.address(owner), .uint(positionID)])
    }

    public static func payoutDenominatorCalldata(conditionID: Bytes32) -> [UInt8] {
        encode(payoutDenominator, [.bytes32(conditionID)])
    }

    /// The arguments above always match their declared types, so encoding cannot fail.
    static func encode(_ function: ABIFunction, _ arguments: [ABIValue]) -> [UInt8] {
        do { return try ABI.encodeCall(function, arguments: arguments) } catch {
            preconditionFailure("\(function): \(error)")
        }
    }
}
