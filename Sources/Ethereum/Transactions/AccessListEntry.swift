/// One EIP-2930 access-list entry: an address and the storage slots the transaction will touch.
/// The calls here send an empty list; the type exists so that any type-2 transaction decodes.
public struct AccessListEntry: Hashable, Sendable {
    public let address: EthereumAddress
    public let storageKeys: [Bytes32]

    public init(address: EthereumAddress, storageKeys: [Bytes32] = []) {
        self.address = address
        self.storageKeys = storageKeys
    }

    var rlp: RLPItem {
        .list([.bytes(address.bytes), .list(storageKeys.map { .bytes($0.bytes) })])
    }

    init(rlp item: RLPItem) throws(TransactionDecodingError) {
        let fields = try TransactionDecodingError.wrap { () throws(RLPError) in try item.listValue("accessList entry") }
        guard fields.count == 2 else { throw .wrongFieldCount(expected: 2, actual: fields.count, what: "access-list entry") }
        let addressBytes = try TransactionDecodingError.wrap { () throws(RLPError) in try fields[0].bytesValue("accessList address") }
        guard let address = try? EthereumAddress(bytes: addressBytes) else { throw .invalidAddress(field: "accessList address") }
        let keys = try TransactionDecodingError.wrap { () throws(RLPError) in try fields[1].listValue("storageKeys") }
        var storageKeys = [Bytes32]()
        for key in keys {
            let bytes = try TransactionDecodingError.wrap { () throws(RLPError) in try key.bytesValue("storageKey") }
            guard let slot = try? Bytes32(bytes) else { throw .invalidStorageKey }
            storageKeys.append(slot)
        }
        self.init(address: address, storageKeys: storageKeys)
    }
}
