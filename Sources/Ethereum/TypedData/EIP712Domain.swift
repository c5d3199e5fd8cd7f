import BigInt

/// The EIP-712 domain: which application, version, chain and contract a signature is valid for.
///
/// Only the members that are set take part in the `EIP712Domain` type, in the specification's
/// order — Polymarket's `ClobAuthDomain` has no verifying contract, its exchange domain does, and
/// the two hash differently because of it.
public struct EIP712Domain: Sendable, Hashable {
    public var name: String?
    public var version: String?
    public var chainID: BigUInt?
    public var verifyingContract: EthereumAddress?
    public var salt: Bytes32?

    public init(
        name: String? = nil, version: String? = nil, chainID: BigUInt? = nil,
        verifyingContract: EthereumAddress? = nil, salt: Bytes32? = nil
    ) {
        self.name = name
        self.version = version
        self.chainID = chainID
        self.verifyingContract = verifyingContract
        self.salt = salt
    }

    public var fields: [EIP712Field] {
        var fields = [EIP712Field]()
        if name != nil { fields.append(.init("name", "string")) }
        if version != nil { fields.append(.init("version", "string")) }
        if chainID != nil { fields.append(.init("chainId", "uint256")) }
        if verifyingContract != nil { fields.append(.init("verifyingContract", "address")) }
        if salt != nil { fields.append(.init("salt", "bytes32")) }
        return fields
    }

    public var values: [String: EIP712Value] {
        var values = [String: EIP712Value]()
        if let name { values["name"] = .string(name) }
        if let version { values["version"] = .string(version) }
        if let chainID { values["chainId"] = .uint(chainID) }
        if let verifyingContract { values["verifyingContract"] = .address(verifyingContract) }
        if let salt { values["salt"] = .bytes32(salt) }
        return values
    }

    /// `hashStruct(EIP712Domain)`. Signers of many messages under one domain should keep it.
    public var separator: Bytes32 {
        let types = try! EIP712Types(["EIP712Domain": fields])
        return try! types.hashStruct("EIP712Domain", values)
    }
}
