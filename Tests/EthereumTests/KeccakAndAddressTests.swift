import EdgewiseEthereum
import Foundation
import Testing

@Suite("Keccak-256, keys and EIP-55 addresses")
struct KeccakAndAddressTests {
    @Test func keccakIsTheOriginalKeccakNotSHA3() {
        #expect(Keccak256.hash("").hex == "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
        #expect(Keccak256.hash("abc").hex == "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
        // A long input crosses Keccak's 136-byte rate several times.
        let long = [UInt8](repeating: 0x61, count: 1000)
        #expect(Keccak256.hash(long) != Keccak256.hash(Array(long.dropLast())))
    }

    /// The examples of the EIP-55 specification.
    @Test(arguments: [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26",
    ])
    func eip55Checksums(_ text: String) throws {
        let fromLower = try EthereumAddress(text.lowercased().replacingOccurrences(of: "0x", with: "0x"))
        #expect(fromLower.checksummed == text)
        #expect(try EthereumAddress(text) == fromLower)
    }

    @Test func aWrongChecksumIsRefused() {
        // One letter's case flipped: the kind of typo a checksum exists to catch.
        #expect(throws: EthereumAddressError.self) { try EthereumAddress("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed") }
        #expect(throws: EthereumAddressError.missingPrefix) { try EthereumAddress("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed") }
        #expect(throws: EthereumAddressError.wrongLength(bytes: 19)) { try EthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA") }
        #expect(throws: EthereumAddressError.notHex) { try EthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg") }
    }

    @Test func hardhatKeyZeroControlsItsWellKnownAddress() throws {
        let key = try EthereumPrivateKey(hex: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\n")
        #expect(key.address.checksummed == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
    }

    @Test func malformedKeysAreRefusedWithoutEchoingThem() {
        let secretLooking = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff"
        for (text, expected) in [
            (secretLooking, EthereumKeyError.wrongLength(hexDigits: 62)),
            (secretLooking + "8000", .wrongLength(hexDigits: 66)),
            (secretLooking + "8", .wrongLength(hexDigits: 63)),
            ("0x" + secretLooking + "zz", .notHex(position: 62)),
            (String(repeating: "0", count: 64), .outOfRange),
            ("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", .outOfRange),
            ("", .wrongLength(hexDigits: 0)),
        ] {
            #expect(throws: expected) { try EthereumPrivateKey(hex: text) }
            do { _ = try EthereumPrivateKey(hex: text) } catch {
                #expect(!error.description.contains("bec39a17"))
            }
        }
        // n − 1 is the largest valid key.
        #expect((try? EthereumPrivateKey(hex: "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140")) != nil)
    }

    @Test func aKeyNeverPrintsItsSecret() throws {
        let key = try EthereumPrivateKey(hex: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
        var dumped = ""
        dump(key, to: &dumped)
        for text in [key.description, key.debugDescription, "\(key)", String(reflecting: key), dumped] {
            #expect(!text.lowercased().contains("ac0974bec39a"), "leaked in: \(text)")
            #expect(text.contains("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"))
        }
    }

    @Test func signaturesAreDeterministicLowSAndRecoverable() throws {
        let key = try EthereumPrivateKey(hex: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
        let halfOrder = try Bytes32(hex: "0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let digest = try Bytes32((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let signature = key.sign(digest: digest)
            #expect(signature == key.sign(digest: digest))
            #expect(signature.v == 27 || signature.v == 28)
            #expect(signature.s.bytes.lexicographicallyPrecedes(halfOrder.bytes) || signature.s == halfOrder)
            #expect(try signature.recoverAddress(digest: digest) == key.address)
            #expect(try EthereumSignature(hex: signature.hex) == signature)
        }
    }

    @Test func malformedSignaturesAreRefused() {
        #expect(throws: EthereumSignatureError.wrongLength(bytes: 64)) {
            try EthereumSignature(hex: "0x" + String(repeating: "11", count: 64))
        }
        #expect(throws: EthereumSignatureError.badRecoveryID(31)) {
            try EthereumSignature(hex: "0x" + String(repeating: "11", count: 64) + "1f")
        }
        #expect(throws: EthereumSignatureError.notHex) { try EthereumSignature(hex: "0xnothex") }
    }
}
