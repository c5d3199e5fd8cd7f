import BigInt

/// What a reverted call's return data says, in words an operator can act on.
///
/// Solidity encodes `require(…, "message")` as `Error(string)` and failed assertions and
/// arithmetic as `Panic(uint256)`; anything else is a custom error, shown by its selector.
public enum ABIRevertReason: Hashable, Sendable, CustomStringConvertible {
    case error(String)
    case panic(BigUInt)
    case custom(selector: [UInt8], data: [UInt8])
    case empty

    static let errorFunction = ABIFunction(name: "Error", parameters: [.string])
    static let panicFunction = ABIFunction(name: "Panic", parameters: [.uint256])

    public init(data: [UInt8]) {
        if data.isEmpty {
            self = .empty
        } else if let values = try? ABI.decodeCall(Self.errorFunction, calldata: data), case .string(let text)? = values.first {
            self = .error(text)
        } else if let values = try? ABI.decodeCall(Self.panicFunction, calldata: data), let code = values.first?.uintValue {
            self = .panic(code)
        } else {
            self = .custom(selector: Array(data.prefix(4)), data: data)
        }
    }

    public var description: String {
        switch self {
        case .error(let text): "\"\(text)\""
        case .panic(let code): "panic 0x\(String(code, radix: 16)) (assertion or arithmetic failure in the contract)"
        case .custom(let selector, let data): "custom error \(Hex.encode(selector)) (\(data.count) bytes of data)"
        case .empty: "no reason given"
        }
    }
}
