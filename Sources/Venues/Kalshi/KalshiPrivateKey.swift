import Foundation
import _CryptoExtras

/// Turns the PEM text of a Kalshi API key into an RSA signing key, classifying what is wrong
/// with anything else.
///
/// The PEM envelope is examined here rather than left to the library so that the errors can say
/// "this is an EC key" or "this is encrypted" instead of one opaque failure, and so that no
/// library message (which might quote input) reaches an error.
enum KalshiPrivateKey {
    /// Kalshi issues 2048-bit keys; smaller ones are no longer considered safe.
    static let minimumBits = 2048

    static func parse(pem: String) throws(KalshiKeyError) -> _RSA.Signing.PrivateKey {
        let lines = pem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let beginIndex = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") }) else {
            throw .malformedPEM(detail: "no '-----BEGIN ...-----' line")
        }
        guard let label = Self.label(of: lines[beginIndex], marker: "BEGIN") else {
            throw .malformedPEM(detail: "the BEGIN line is not of the form '-----BEGIN <type>-----'")
        }
        switch label {
        case "RSA PRIVATE KEY", "PRIVATE KEY": break
        case "ENCRYPTED PRIVATE KEY":
            throw .unsupportedKeyType(kind: "a passphrase-encrypted key (decrypt it with `openssl pkey`)")
        case "EC PRIVATE KEY": throw .unsupportedKeyType(kind: "an EC private key")
        case "OPENSSH PRIVATE KEY": throw .unsupportedKeyType(kind: "an OpenSSH-format private key")
        case "PUBLIC KEY", "RSA PUBLIC KEY": throw .unsupportedKeyType(kind: "a public key")
        case "CERTIFICATE": throw .unsupportedKeyType(kind: "a certificate")
        default: throw .unsupportedKeyType(kind: "a PEM document of type '\(label)'")
        }
        guard let endIndex = lines[(beginIndex + 1)...].firstIndex(where: { $0.hasPrefix("-----END ") }) else {
            throw .malformedPEM(detail: "no '-----END \(label)-----' line")
        }
        guard Self.label(of: lines[endIndex], marker: "END") == label else {
            throw .malformedPEM(detail: "the END line does not match 'BEGIN \(label)'")
        }
        let body = lines[(beginIndex + 1)..<endIndex]
        // Legacy OpenSSL encryption puts "Proc-Type:" / "DEK-Info:" headers inside an RSA block.
        if body.contains(where: { $0.contains(":") }) {
            throw .unsupportedKeyType(kind: "a passphrase-encrypted key (decrypt it with `openssl rsa`)")
        }
        guard let der = Data(base64Encoded: body.joined()), !der.isEmpty else {
            throw .malformedPEM(detail: "the text between BEGIN and END is not valid base64")
        }
        if label == "PRIVATE KEY" && !Self.containsRSAEncryptionIdentifier(der) {
            throw .unsupportedKeyType(kind: "a PKCS#8 key of another algorithm than RSA (for example EC or Ed25519)")
        }
        // The "unsafe" initializer accepts keys down to 1024 bits, so that a small key is reported
        // as too small (with its size) rather than as unreadable; the minimum is enforced below.
        let key: _RSA.Signing.PrivateKey
        do {
            key = try _RSA.Signing.PrivateKey(unsafeDERRepresentation: der)
        } catch {
            throw .malformedPEM(detail: "the \(label) block does not decode as an RSA private key of at least 1024 bits")
        }
        guard key.keySizeInBits >= minimumBits else {
            throw .keyTooSmall(bits: key.keySizeInBits, minimumBits: minimumBits)
        }
        return key
    }

    /// `<type>` of `-----BEGIN <type>-----` / `-----END <type>-----`.
    private static func label(of line: String, marker: String) -> String? {
        let prefix = "-----\(marker) "
        guard line.hasPrefix(prefix), line.hasSuffix("-----"), line.count > prefix.count + 5 else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(5))
    }

    /// Whether the DER holds the rsaEncryption OID (1.2.840.113549.1.1.1), which a PKCS#8 RSA
    /// key carries in its AlgorithmIdentifier near the start.
    private static func containsRSAEncryptionIdentifier(_ der: Data) -> Bool {
        let oid: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
        let head = Array(der.prefix(32))
        guard head.count >= oid.count else { return false }
        return (0...(head.count - oid.count)).contains { Array(head[$0..<($0 + oid.count)]) == oid }
    }
}
