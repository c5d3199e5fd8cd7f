import CSecp256k1

/// A recoverable secp256k1 signature in Ethereum's 65-byte layout: r ‖ s ‖ v, v = 27 or 28.
public struct EthereumSignature: Hashable, Sendable, CustomStringConvertible {
    public let r: Bytes32
    public let s: Bytes32
    public let v: UInt8

    public init(r: Bytes32, s: Bytes32, v: UInt8) {
        self.r = r
        self.s = s
        self.v = v
    }

    /// Parses the 65-byte form; `v` may be 0/1 or 27/28 and is normalised to 27/28.
    public init(hex text: String) throws(EthereumSignatureError) {
        let bytes: [UInt8]
        do { bytes = try Hex.decode(text) } catch { throw .notHex }
        guard bytes.count == 65 else { throw .wrongLength(bytes: bytes.count) }
        let v = bytes[64] < 27 ? bytes[64] + 27 : bytes[64]
        guard v == 27 || v == 28 else { throw .badRecoveryID(v) }
        self.init(r: Bytes32(unchecked: Array(bytes[0..<32])), s: Bytes32(unchecked: Array(bytes[32..<64])), v: v)
    }

    public var bytes: [UInt8] { r.bytes + s.bytes + [v] }
    /// `0x` + 130 hex digits, as the CLOB and `eth_signTypedData` return it.
    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }

    /// The address whose key produced this signature over `digest`.
    public func recoverAddress(digest: Bytes32) throws(EthereumSignatureError) -> EthereumAddress {
        let context = Secp256k1Context.shared.pointer
        var signature = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_recoverable_signature_parse_compact(context, &signature, r.bytes + s.bytes, Int32(v - 27)) == 1
        else { throw .unrecoverable }
        var publicKey = secp256k1_pubkey()
        guard secp256k1_ecdsa_recover(context, &publicKey, &signature, digest.bytes) == 1 else { throw .unrecoverable }
        return EthereumAddress(publicKey: publicKey)
    }
}

public enum EthereumSignatureError: Error, Equatable, CustomStringConvertible {
    case notHex
    case wrongLength(bytes: Int)
    case badRecoveryID(UInt8)
    case unrecoverable

    public var description: String {
        switch self {
        case .notHex: "a signature is 0x followed by 130 hex digits"
        case .wrongLength(let bytes): "a signature is 65 bytes (r, s, v), got \(bytes)"
        case .badRecoveryID(let v): "signature v must be 27 or 28 (or 0/1), got \(v)"
        case .unrecoverable: "no public key can be recovered from this signature and digest"
        }
    }
}
