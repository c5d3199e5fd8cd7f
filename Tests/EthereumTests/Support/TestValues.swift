import EdgewiseEthereum
import Foundation

/// Hardhat's first development key: public knowledge, never funded on a real chain.
let testKey = try! EthereumPrivateKey(hex: "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")

/// Hex without separators, for comparing calldata written as words.
func hex(_ words: String...) -> [UInt8] {
    try! Hex.decode(words.joined().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: ""))
}
