import BigInt

/// Contract-call encoding of the Solidity ABI: the 4-byte selector followed by the arguments in
/// head/tail layout. Static values sit in the head as 32-byte words; a dynamic value (`bytes`,
/// `string`, `T[]`) puts in the head the byte offset of its data, measured from the start of the
/// enclosing block, and its data (length word, then content) in the tail.
public enum ABI {
    /// The 4-byte selector of `signature` (normalised first, so `f(uint)` = `f(uint256)`).
    public static func selector(_ signature: String) throws(ABIError) -> [UInt8] {
        try ABIFunction(signature: signature).selector
    }

    /// Calldata for calling `signature` with `arguments`, checked against the declared types.
    public static func encodeCall(signature: String, arguments: [ABIValue]) throws(ABIError) -> [UInt8] {
        try encodeCall(ABIFunction(signature: signature), arguments: arguments)
    }

    public static func encodeCall(_ function: ABIFunction, arguments: [ABIValue]) throws(ABIError) -> [UInt8] {
        guard arguments.count == function.parameters.count else {
            throw .argumentCount(signature: function.canonicalSignature, expected: function.parameters.count, actual: arguments.count)
        }
        return function.selector + (try encode(arguments, as: function.parameters))
    }

    /// The head/tail encoding of a tuple of values (the arguments of a call, or return data).
    public static func encode(_ values: [ABIValue], as types: [ABIType]) throws(ABIError) -> [UInt8] {
        try encodeTuple(values, as: types, path: nil)
    }

    /// `path` is nil for the top-level arguments (named `arg0`, `arg1`, …) and the array's own path
    /// for its elements (`arg3[0]`, …).
    static func encodeTuple(_ values: [ABIValue], as types: [ABIType], path: String?) throws(ABIError) -> [UInt8] {
        guard values.count == types.count else {
            throw .argumentCount(signature: "(\(types.map(\.description).joined(separator: ",")))", expected: types.count, actual: values.count)
        }
        // Every type handled here occupies exactly one head word (no fixed arrays or tuples).
        let headSize = 32 * types.count
        var head = [UInt8]()
        var tail = [UInt8]()
        head.reserveCapacity(headSize)
        for (index, (type, value)) in zip(types, values).enumerated() {
            let elementPath = path.map { "\($0)[\(index)]" } ?? "arg\(index)"
            if type.isDynamic {
                head += ABIWord.uint(UInt64(headSize + tail.count))
                tail += try encodeDynamic(value, as: type, path: elementPath)
            } else {
                head += try encodeStatic(value, as: type, path: elementPath)
            }
        }
        return head + tail
    }

    static func encodeStatic(_ value: ABIValue, as type: ABIType, path: String) throws(ABIError) -> [UInt8] {
        switch (type, value) {
        case (.uint(let bits), .uint(let number)):
            guard number.bitWidth <= bits else { throw .valueOutOfRange(path: path, type: type.description) }
            return ABIWord.uint(number)
        case (.int(let bits), .int(let number)):
            // intN holds −2^(N−1) … 2^(N−1) − 1.
            let limit = BigUInt(1) << (bits - 1)
            let fits = number.sign == .plus ? number.magnitude < limit : number.magnitude <= limit
            guard fits else { throw .valueOutOfRange(path: path, type: type.description) }
            return ABIWord.int(number)
        case (.address, .address(let address)):
            return ABIWord.address(address)
        case (.bool, .bool(let flag)):
            return ABIWord.bool(flag)
        case (.fixedBytes(let size), .fixedBytes(let bytes)):
            guard bytes.count == size else { throw .wrongLength(path: path, expected: size, actual: bytes.count) }
            return ABIWord.fixedBytes(bytes)
        default:
            throw .typeMismatch(path: path, expected: type.description)
        }
    }

    static func encodeDynamic(_ value: ABIValue, as type: ABIType, path: String) throws(ABIError) -> [UInt8] {
        switch (type, value) {
        case (.bytes, .bytes(let bytes)):
            return lengthPrefixed(bytes)
        case (.string, .string(let text)):
            return lengthPrefixed(Array(text.utf8))
        case (.array(let element), .array(let items)):
            let body = try encodeTuple(items, as: Array(repeating: element, count: items.count), path: path)
            return ABIWord.uint(UInt64(items.count)) + body
        default:
            throw .typeMismatch(path: path, expected: type.description)
        }
    }

    /// Length word, then the bytes right-padded to a whole number of words.
    static func lengthPrefixed(_ bytes: [UInt8]) -> [UInt8] {
        let padding = (32 - bytes.count % 32) % 32
        return ABIWord.uint(UInt64(bytes.count)) + bytes + [UInt8](repeating: 0, count: padding)
    }
}
