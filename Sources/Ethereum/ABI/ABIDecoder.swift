import BigInt

/// Decoding of ABI data: `eth_call` return values and, for tests and checks, calldata.
///
/// The input comes from the network, so every offset and length is checked against the data
/// before it is used: malformed or truncated data gives an ``ABIError``, never a crash or a
/// huge allocation.
extension ABI {
    /// Decodes a tuple of `types` (return data, or calldata without its selector).
    public static func decode(_ types: [ABIType], from data: [UInt8]) throws(ABIError) -> [ABIValue] {
        try decodeTuple(types, data: data, base: 0, path: nil)
    }

    /// Decodes calldata for `function`, checking its selector first.
    public static func decodeCall(_ function: ABIFunction, calldata: [UInt8]) throws(ABIError) -> [ABIValue] {
        guard calldata.count >= 4 else { throw .truncated(path: "selector", neededBytes: 4, availableBytes: calldata.count) }
        let selector = Array(calldata.prefix(4))
        guard selector == function.selector else {
            throw .selectorMismatch(expected: Hex.encode(function.selector), actual: Hex.encode(selector))
        }
        return try decode(function.parameters, from: Array(calldata.dropFirst(4)))
    }

    /// The single `uint256` an `eth_call` of a view function such as `balanceOf` returns.
    public static func decodeUInt256(_ data: [UInt8]) throws(ABIError) -> BigUInt {
        guard let value = try decode([.uint256], from: data).first?.uintValue else { throw .typeMismatch(path: "ret0", expected: "uint256") }
        return value
    }

    public static func decodeBool(_ data: [UInt8]) throws(ABIError) -> Bool {
        guard let value = try decode([.bool], from: data).first?.boolValue else { throw .typeMismatch(path: "ret0", expected: "bool") }
        return value
    }

    public static func decodeAddress(_ data: [UInt8]) throws(ABIError) -> EthereumAddress {
        guard let value = try decode([.address], from: data).first?.addressValue else { throw .typeMismatch(path: "ret0", expected: "address") }
        return value
    }

    static func decodeTuple(_ types: [ABIType], data: [UInt8], base: Int, path: String?) throws(ABIError) -> [ABIValue] {
        var values = [ABIValue]()
        values.reserveCapacity(types.count)
        for (index, type) in types.enumerated() {
            let elementPath = path.map { "\($0)[\(index)]" } ?? "ret\(index)"
            let headPosition = base + 32 * index
            if type.isDynamic {
                let offset = try readSize(data, at: headPosition, path: elementPath)
                let start = base + offset
                guard start <= data.count else { throw .badOffset(path: elementPath) }
                values.append(try decodeDynamic(type, data: data, at: start, path: elementPath))
            } else {
                values.append(try decodeStatic(type, word: word(data, at: headPosition, path: elementPath), path: elementPath))
            }
        }
        return values
    }

    static func decodeDynamic(_ type: ABIType, data: [UInt8], at position: Int, path: String) throws(ABIError) -> ABIValue {
        let length = try readSize(data, at: position, path: path)
        let start = position + 32
        switch type {
        case .bytes, .string:
            guard length <= data.count - start else {
                throw .truncated(path: path, neededBytes: start + length, availableBytes: data.count)
            }
            let bytes = Array(data[start..<start + length])
            if case .bytes = type { return .bytes(bytes) }
            guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidWord(path: path, type: "string") }
            return .string(text)
        case .array(let element):
            // Each element has at least one head word, which bounds the count before allocating.
            guard length <= (data.count - start) / 32 else {
                throw .truncated(path: path, neededBytes: start + 32 * min(length, Int.max / 64), availableBytes: data.count)
            }
            return .array(try decodeTuple(Array(repeating: element, count: length), data: data, base: start, path: path))
        default:
            return try decodeStatic(type, word: word(data, at: position, path: path), path: path)
        }
    }

    static func decodeStatic(_ type: ABIType, word: ArraySlice<UInt8>, path: String) throws(ABIError) -> ABIValue {
        switch type {
        case .uint(let bits):
            let value = BigUInt(bigEndian: word)
            guard value.bitWidth <= bits else { throw .invalidWord(path: path, type: type.description) }
            return .uint(value)
        case .int(let bits):
            let raw = BigUInt(bigEndian: word)
            let negative = raw.bitWidth == 256
            let value = negative ? BigInt(sign: .minus, magnitude: (BigUInt(1) << 256) - raw) : BigInt(raw)
            // The word must be the sign extension of an N-bit value.
            let limit = BigUInt(1) << (bits - 1)
            let fits = value.sign == .plus ? value.magnitude < limit : value.magnitude <= limit
            guard fits else { throw .invalidWord(path: path, type: type.description) }
            return .int(value)
        case .address:
            guard word.prefix(12).allSatisfy({ $0 == 0 }) else { throw .invalidWord(path: path, type: "address") }
            do { return .address(try EthereumAddress(bytes: Array(word.suffix(20)))) } catch {
                throw .invalidWord(path: path, type: "address")
            }
        case .bool:
            guard word.prefix(31).allSatisfy({ $0 == 0 }), word.last! <= 1 else { throw .invalidWord(path: path, type: "bool") }
            return .bool(word.last! == 1)
        case .fixedBytes(let size):
            guard word.suffix(32 - size).allSatisfy({ $0 == 0 }) else { throw .invalidWord(path: path, type: type.description) }
            return .fixedBytes(Array(word.prefix(size)))
        case .bytes, .string, .array:
            throw .typeMismatch(path: path, expected: type.description)
        }
    }

    static func word(_ data: [UInt8], at position: Int, path: String) throws(ABIError) -> ArraySlice<UInt8> {
        guard position >= 0, position <= data.count - 32 else {
            throw .truncated(path: path, neededBytes: position + 32, availableBytes: data.count)
        }
        return data[position..<position + 32]
    }

    /// An offset or a length: it must fit in an `Int` and cannot exceed the data's size, so a
    /// hostile 2^255 is refused here rather than overflowing later.
    static func readSize(_ data: [UInt8], at position: Int, path: String) throws(ABIError) -> Int {
        let bytes = try word(data, at: position, path: path)
        guard bytes.prefix(24).allSatisfy({ $0 == 0 }) else { throw .badOffset(path: path) }
        var value: UInt64 = 0
        for byte in bytes.suffix(8) { value = value << 8 | UInt64(byte) }
        guard value <= UInt64(data.count) else { throw .badOffset(path: path) }
        return Int(value)
    }
}
