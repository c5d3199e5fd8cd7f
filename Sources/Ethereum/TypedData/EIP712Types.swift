import BigInt

/// A set of EIP-712 struct types, and the encoding rules of the specification over them:
/// `encodeType` (the primary type followed by every referenced struct type, sorted by name),
/// `typeHash`, `encodeData` and `hashStruct`.
///
/// Type hashes are computed once per type, because a trading loop hashes the same `Order` type for
/// every order it signs.
public struct EIP712Types: Sendable {
    public let structs: [String: [EIP712Field]]
    private let encodedTypes: [String: String]
    private let typeHashes: [String: Bytes32]

    public init(_ structs: [String: [EIP712Field]]) throws(EIP712Error) {
        self.structs = structs
        var encoded = [String: String]()
        var hashes = [String: Bytes32]()
        for (name, fields) in structs {
            for field in fields {
                let base = Self.baseType(field.type)
                guard structs[base] != nil || Self.isAtomic(base) else { throw .unknownType(base) }
            }
            let text = try Self.encodeType(name, in: structs)
            encoded[name] = text
            hashes[name] = Keccak256.hash(text)
        }
        encodedTypes = encoded
        typeHashes = hashes
    }

    public func encodeType(_ primary: String) throws(EIP712Error) -> String {
        guard let text = encodedTypes[primary] else { throw .unknownType(primary) }
        return text
    }

    public func typeHash(_ primary: String) throws(EIP712Error) -> Bytes32 {
        guard let hash = typeHashes[primary] else { throw .unknownType(primary) }
        return hash
    }

    /// `keccak256(typeHash ‖ encodeData(value))`.
    public func hashStruct(_ primary: String, _ value: [String: EIP712Value]) throws(EIP712Error) -> Bytes32 {
        Keccak256.hash(try encodeData(primary, value))
    }

    /// `hashStruct` for values given in the type's declaration order instead of by name: the same
    /// encoding, without building and probing a dictionary — for hot paths that sign the same
    /// struct type over and over (an order per quote).
    public func hashStruct(_ primary: String, orderedValues values: [EIP712Value]) throws(EIP712Error) -> Bytes32 {
        guard let fields = structs[primary] else { throw .unknownType(primary) }
        guard values.count == fields.count else {
            throw .missingField(type: primary, field: values.count < fields.count ? fields[values.count].name : "(too many values)")
        }
        var out = [UInt8]()
        out.reserveCapacity(32 * (fields.count + 1))
        out.append(contentsOf: try typeHash(primary).bytes)
        for (field, member) in zip(fields, values) {
            if Self.appendFastAtomic(field.type, member, to: &out) { continue }
            out.append(contentsOf: try encodeMember(field.type, member, path: "\(primary).\(field.name)"))
        }
        return Keccak256.hash(out)
    }

    /// `typeHash ‖ enc(field₁) ‖ … ‖ enc(fieldₙ)`, each member encoded as a 32-byte word.
    public func encodeData(_ primary: String, _ value: [String: EIP712Value]) throws(EIP712Error) -> [UInt8] {
        guard let fields = structs[primary] else { throw .unknownType(primary) }
        var out = [UInt8]()
        out.reserveCapacity(32 * (fields.count + 1))
        out.append(contentsOf: try typeHash(primary).bytes)
        for field in fields {
            guard let member = value[field.name] else { throw .missingField(type: primary, field: field.name) }
            if Self.appendFastAtomic(field.type, member, to: &out) { continue }
            out.append(contentsOf: try encodeMember(field.type, member, path: "\(primary).\(field.name)"))
        }
        if value.count > fields.count {
            let extra = Set(value.keys).subtracting(fields.map(\.name)).sorted()
            throw .unexpectedFields(type: primary, fields: extra)
        }
        return out
    }

    /// The common atomic cases, written straight into the buffer without parsing the type name.
    @inline(__always)
    private static func appendFastAtomic(_ type: String, _ value: EIP712Value, to out: inout [UInt8]) -> Bool {
        switch value {
        case .uint(let number) where type == "uint256" || (type == "uint8" && number < 256):
            ABIWord.appendUInt(number, to: &out)
        case .address(let address) where type == "address":
            out.append(contentsOf: repeatElement(0, count: 12))
            out.append(contentsOf: address.bytes)
        case .bytes(let bytes) where type == "bytes32" && bytes.count == 32:
            out.append(contentsOf: bytes)
        default:
            return false
        }
        return true
    }

    private func encodeMember(_ type: String, _ value: EIP712Value, path: String) throws(EIP712Error) -> [UInt8] {
        if let (element, length) = Self.arrayElement(type) {
            guard case .array(let items) = value else { throw .typeMismatch(path: path, expected: type) }
            if let length, items.count != length { throw .wrongArrayLength(path: path, expected: length, actual: items.count) }
            var concatenated = [UInt8]()
            for (index, item) in items.enumerated() {
                concatenated += try encodeMember(element, item, path: "\(path)[\(index)]")
            }
            return Keccak256.hash(concatenated).bytes
        }
        if structs[type] != nil {
            guard case .object(let members) = value else { throw .typeMismatch(path: path, expected: type) }
            return try hashStruct(type, members).bytes
        }
        return try Self.encodeAtomic(type, value, path: path)
    }

    static func encodeAtomic(_ type: String, _ value: EIP712Value, path: String) throws(EIP712Error) -> [UInt8] {
        switch (type, value) {
        case ("address", .address(let address)):
            return ABIWord.address(address)
        case ("bool", .bool(let flag)):
            return ABIWord.bool(flag)
        case ("string", .string(let text)):
            return Keccak256.hash(text).bytes
        case ("bytes", .bytes(let bytes)):
            return Keccak256.hash(bytes).bytes
        default:
            break
        }
        if type.hasPrefix("uint"), let bits = bitWidth(type.dropFirst(4)) {
            guard case .uint(let number) = value else { throw .typeMismatch(path: path, expected: type) }
            guard number.bitWidth <= bits else { throw .outOfRange(path: path, type: type) }
            return ABIWord.uint(number)
        }
        if type.hasPrefix("int"), let bits = bitWidth(type.dropFirst(3)) {
            let number: BigInt
            switch value {
            case .int(let signed): number = signed
            case .uint(let unsigned): number = BigInt(unsigned)
            default: throw .typeMismatch(path: path, expected: type)
            }
            let limit = BigInt(1) << (bits - 1)
            guard number >= -limit, number < limit else { throw .outOfRange(path: path, type: type) }
            return ABIWord.int(number)
        }
        if type.hasPrefix("bytes"), let size = Int(type.dropFirst(5)), (1...32).contains(size) {
            guard case .bytes(let bytes) = value else { throw .typeMismatch(path: path, expected: type) }
            guard bytes.count == size else { throw .outOfRange(path: path, type: type) }
            return ABIWord.fixedBytes(bytes)
        }
        if ["address", "bool", "string", "bytes"].contains(type) { throw .typeMismatch(path: path, expected: type) }
        throw .unknownType(type)
    }

    static func isAtomic(_ type: String) -> Bool {
        if ["address", "bool", "string", "bytes"].contains(type) { return true }
        if type.hasPrefix("uint") { return bitWidth(type.dropFirst(4)) != nil }
        if type.hasPrefix("int") { return bitWidth(type.dropFirst(3)) != nil }
        if type.hasPrefix("bytes"), let size = Int(type.dropFirst(5)) { return (1...32).contains(size) }
        return false
    }

    private static func bitWidth(_ suffix: Substring) -> Int? {
        if suffix.isEmpty { return 256 }
        guard let bits = Int(suffix), bits % 8 == 0, (8...256).contains(bits) else { return nil }
        return bits
    }

    /// `T[]` → (T, nil); `T[3]` → (T, 3); anything else → nil.
    static func arrayElement(_ type: String) -> (String, Int?)? {
        guard type.hasSuffix("]"), let open = type.lastIndex(of: "[") else { return nil }
        let inside = type[type.index(after: open)..<type.index(before: type.endIndex)]
        let element = String(type[..<open])
        if inside.isEmpty { return (element, nil) }
        guard let length = Int(inside) else { return nil }
        return (element, length)
    }

    static func baseType(_ type: String) -> String {
        var base = type
        while let (element, _) = arrayElement(base) { base = element }
        return base
    }

    private static func encodeType(_ primary: String, in structs: [String: [EIP712Field]]) throws(EIP712Error) -> String {
        var dependencies = Set<String>()
        var pending = [primary]
        while let name = pending.popLast() {
            guard let fields = structs[name] else { throw .unknownType(name) }
            for field in fields {
                let base = baseType(field.type)
                if structs[base] != nil, base != primary, !dependencies.contains(base) {
                    dependencies.insert(base)
                    pending.append(base)
                }
            }
        }
        return ([primary] + dependencies.sorted()).map { name in
            let members = structs[name]!.map { "\($0.type) \($0.name)" }.joined(separator: ",")
            return "\(name)(\(members))"
        }.joined()
    }
}

public enum EIP712Error: Error, Equatable, CustomStringConvertible {
    case unknownType(String)
    case missingField(type: String, field: String)
    case unexpectedFields(type: String, fields: [String])
    case typeMismatch(path: String, expected: String)
    case outOfRange(path: String, type: String)
    case wrongArrayLength(path: String, expected: Int, actual: Int)
    case malformedJSON(String)

    public var description: String {
        switch self {
        case .unknownType(let name): "EIP-712: type \(name) is neither an atomic type nor declared in types"
        case .missingField(let type, let field): "EIP-712: \(type) value has no \(field)"
        case .unexpectedFields(let type, let fields): "EIP-712: \(type) value has fields the type does not declare: \(fields.joined(separator: ", "))"
        case .typeMismatch(let path, let expected): "EIP-712: \(path) must be a \(expected)"
        case .outOfRange(let path, let type): "EIP-712: \(path) does not fit \(type)"
        case .wrongArrayLength(let path, let expected, let actual): "EIP-712: \(path) must have \(expected) items, has \(actual)"
        case .malformedJSON(let reason): "EIP-712 JSON: \(reason)"
        }
    }
}
