import CSecp256k1

/// A secp256k1 private key and the address it controls.
///
/// The secret bytes never leave this type in text form: `description`, `debugDescription` and the
/// reflection `dump()` uses all show the address only, and parse errors say what is wrong with the
/// key (length, a non-hex character's position) without echoing it.
public struct EthereumPrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let secret: [UInt8]
    public let address: EthereumAddress

    public init(bytes: [UInt8]) throws(EthereumKeyError) {
        guard bytes.count == 32 else { throw .wrongLength(hexDigits: bytes.count * 2) }
        let context = Secp256k1Context.shared.pointer
        guard secp256k1_ec_seckey_verify(context, bytes) == 1 else { throw .outOfRange }
        var publicKey = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_create(context, &publicKey, bytes) == 1 else { throw .outOfRange }
        self.secret = bytes
        self.address = EthereumAddress(publicKey: publicKey)
    }

    /// Parses 64 hex digits, with or without `0x`; surrounding whitespace (a trailing newline in a
    /// key file) is ignored.
    public init(hex text: String) throws(EthereumKeyError) {
        let trimmed = text.trimmingWhitespace()
        let bytes: [UInt8]
        do { bytes = try Hex.decode(trimmed) } catch {
            switch error {
            case .oddLength(let digits): throw .wrongLength(hexDigits: digits)
            case .notHex(let position): throw .notHex(position: position)
            case .wrongLength(_, let actual): throw .wrongLength(hexDigits: actual * 2)
            }
        }
        try self.init(bytes: bytes)
    }

    /// Signs a 32-byte digest as it is (no "Ethereum Signed Message" prefix: EIP-712 digests are
    /// signed directly). The nonce is RFC 6979's, so the same key and digest always give the same
    /// signature, and libsecp256k1 returns the low-s form that Ethereum requires.
    public func sign(digest: Bytes32) -> EthereumSignature {
        let context = Secp256k1Context.shared.pointer
        var signature = secp256k1_ecdsa_recoverable_signature()
        let signed = secp256k1_ecdsa_sign_recoverable(context, &signature, digest.bytes, secret, nil, nil)
        // Only an invalid key can fail, and the initializer has already verified it.
        precondition(signed == 1, "libsecp256k1 refused to sign with a verified key")
        var compact = [UInt8](repeating: 0, count: 64)
        var recoveryID: Int32 = 0
        _ = secp256k1_ecdsa_recoverable_signature_serialize_compact(context, &compact, &recoveryID, &signature)
        return EthereumSignature(
            r: Bytes32(unchecked: Array(compact[0..<32])), s: Bytes32(unchecked: Array(compact[32..<64])),
            v: 27 + UInt8(recoveryID))
    }

    public var description: String { "EthereumPrivateKey(address: \(address), secret: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["address": address], displayStyle: .struct) }
}

public enum EthereumKeyError: Error, Equatable, CustomStringConvertible {
    case wrongLength(hexDigits: Int)
    case notHex(position: Int)
    case outOfRange

    public var description: String {
        switch self {
        case .wrongLength(let digits):
            "a private key is 64 hex digits (32 bytes, optionally after 0x); this one has \(digits) — check that the whole key was copied"
        case .notHex(let position):
            "the private key has a non-hex character at position \(position) (after any 0x); it should be 64 hex digits"
        case .outOfRange: "the private key is zero or not below the secp256k1 group order, so it is not a valid key"
        }
    }
}

extension EthereumAddress {
    /// The address is the last 20 bytes of keccak256 of the uncompressed public key without its
    /// 0x04 prefix.
    init(publicKey: secp256k1_pubkey) {
        var key = publicKey
        var serialized = [UInt8](repeating: 0, count: 65)
        var length = 65
        // SECP256K1_EC_UNCOMPRESSED = SECP256K1_FLAGS_TYPE_COMPRESSION (1 << 1)
        _ = secp256k1_ec_pubkey_serialize(Secp256k1Context.shared.pointer, &serialized, &length, &key, UInt32(2))
        let hash = Keccak256.hash(Array(serialized[1..<65])).bytes
        self.init(unchecked: Array(hash[12..<32]))
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
