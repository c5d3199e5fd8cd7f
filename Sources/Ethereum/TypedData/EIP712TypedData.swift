import BigInt
import Foundation

/// A complete EIP-712 message: types, primary type, domain and message — what
/// `eth_signTypedData_v4` takes.
public struct EIP712TypedData: Sendable {
    public let types: EIP712Types
    public let primaryType: String
    public let domain: EIP712Domain
    public let message: [String: EIP712Value]

    public init(types: EIP712Types, primaryType: String, domain: EIP712Domain, message: [String: EIP712Value]) {
        self.types = types
        self.primaryType = primaryType
        self.domain = domain
        self.message = message
    }

    public func structHash() throws(EIP712Error) -> Bytes32 {
        try types.hashStruct(primaryType, message)
    }

    /// `keccak256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(message))`, the 32 bytes that are signed.
    public func digest() throws(EIP712Error) -> Bytes32 {
        EIP712.digest(domainSeparator: domain.separator, structHash: try structHash())
    }

    public func sign(with key: EthereumPrivateKey) throws(EIP712Error) -> EthereumSignature {
        key.sign(digest: try digest())
    }
}

public enum EIP712 {
    public static func digest(domainSeparator: Bytes32, structHash: Bytes32) -> Bytes32 {
        var bytes: [UInt8] = [0x19, 0x01]
        bytes.reserveCapacity(66)
        bytes += domainSeparator.bytes
        bytes += structHash.bytes
        return Keccak256.hash(bytes)
    }
}

extension EIP712TypedData {
    /// Reads the JSON that wallets and `eth_signTypedData_v4` use (`types`, `primaryType`, `domain`,
    /// `message`). Integers may be JSON numbers or decimal/`0x` strings; a JSON number that is not an
    /// integer, or does not fit, is an error rather than a silently rounded value.
    public init(json: Data) throws(EIP712Error) {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed]) } catch {
            throw .malformedJSON("not JSON: \(error.localizedDescription)")
        }
        guard let object = root as? [String: Any] else { throw .malformedJSON("top level must be an object") }
        guard let rawTypes = object["types"] as? [String: Any] else { throw .malformedJSON("missing types") }
        guard let primaryType = object["primaryType"] as? String else { throw .malformedJSON("missing primaryType") }
        var structs = [String: [EIP712Field]]()
        for (name, members) in rawTypes {
            guard let list = members as? [[String: Any]] else { throw .malformedJSON("types.\(name) must be an array") }
            structs[name] = try list.map { (member: [String: Any]) throws(EIP712Error) -> EIP712Field in
                guard let fieldName = member["name"] as? String, let fieldType = member["type"] as? String else {
                    throw .malformedJSON("types.\(name) members need name and type")
                }
                return EIP712Field(fieldName, fieldType)
            }
        }
        let types = try EIP712Types(structs)
        guard let rawDomain = object["domain"] as? [String: Any] else { throw .malformedJSON("missing domain") }
        var domain = EIP712Domain()
        let domainValues = try Self.convertStruct(rawDomain, fields: structs["EIP712Domain"] ?? EIP712Domain.allFields, types: structs, path: "domain")
        if case .string(let name)? = domainValues["name"] { domain.name = name }
        if case .string(let version)? = domainValues["version"] { domain.version = version }
        if case .uint(let chainID)? = domainValues["chainId"] { domain.chainID = chainID }
        if case .address(let contract)? = domainValues["verifyingContract"] { domain.verifyingContract = contract }
        if case .bytes(let salt)? = domainValues["salt"] { domain.salt = try? Bytes32(salt) }
        guard let rawMessage = object["message"] as? [String: Any] else { throw .malformedJSON("missing message") }
        guard let fields = structs[primaryType] else { throw .unknownType(primaryType) }
        let message = try Self.convertStruct(rawMessage, fields: fields, types: structs, path: primaryType)
        self.init(types: types, primaryType: primaryType, domain: domain, message: message)
    }

    private static func convertStruct(
        _ raw: [String: Any], fields: [EIP712Field], types: [String: [EIP712Field]], path: String
    ) throws(EIP712Error) -> [String: EIP712Value] {
        var values = [String: EIP712Value]()
        for field in fields {
            guard let member = raw[field.name] else { continue }
            values[field.name] = try convert(member, type: field.type, types: types, path: "\(path).\(field.name)")
        }
        return values
    }

    private static func convert(_ raw: Any, type: String, types: [String: [EIP712Field]], path: String) throws(EIP712Error) -> EIP712Value {
        if let (element, _) = EIP712Types.arrayElement(type) {
            guard let items = raw as? [Any] else { throw .typeMismatch(path: path, expected: type) }
            var converted = [EIP712Value]()
            for (index, item) in items.enumerated() {
                converted.append(try convert(item, type: element, types: types, path: "\(path)[\(index)]"))
            }
            return .array(converted)
        }
        if let fields = types[type] {
            guard let object = raw as? [String: Any] else { throw .typeMismatch(path: path, expected: type) }
            return .object(try convertStruct(object, fields: fields, types: types, path: path))
        }
        switch type {
        case "address":
            guard let text = raw as? String, let address = try? EthereumAddress(text) else { throw .typeMismatch(path: path, expected: type) }
            return .address(address)
        case "bool":
            guard let flag = raw as? Bool else { throw .typeMismatch(path: path, expected: type) }
            return .bool(flag)
        case "string":
            guard let text = raw as? String else { throw .typeMismatch(path: path, expected: type) }
            return .string(text)
        default:
            break
        }
        if type.hasPrefix("bytes") {
            guard let text = raw as? String, let bytes = try? Hex.decode(text) else { throw .typeMismatch(path: path, expected: type) }
            return .bytes(bytes)
        }
        if type.hasPrefix("uint") || type.hasPrefix("int") {
            guard let number = integer(raw) else { throw .typeMismatch(path: path, expected: type) }
            return type.hasPrefix("uint") && number.sign == .plus ? .uint(number.magnitude) : .int(number)
        }
        throw .unknownType(type)
    }

    private static func integer(_ raw: Any) -> BigInt? {
        if let text = raw as? String {
            if text.hasPrefix("0x") || text.hasPrefix("0X") { return BigInt(text.dropFirst(2), radix: 16) }
            return BigInt(text, radix: 10)
        }
        if let number = raw as? NSNumber {
            // JSONSerialization gives NSDecimalNumber-free doubles for large numbers; only accept what
            // its exact text form says is an integer.
            let text = number.stringValue
            return BigInt(text, radix: 10)
        }
        return nil
    }
}

extension EIP712Domain {
    static let allFields: [EIP712Field] = [
        .init("name", "string"), .init("version", "string"), .init("chainId", "uint256"),
        .init("verifyingContract", "address"), .init("salt", "bytes32"),
    ]
}
