import BigInt
import EdgewiseEthereum
import Testing

@Suite("EIP-1559 transactions")
struct EIP1559TransactionTests {
    /// ethereumjs-monorepo packages/tx/test/json/eip1559.json: the EIP-1559 test vectors (chain
    /// 7822, key 0x8f2a…be63, to 0x…aaaa, empty data and access list). The expected raw
    /// transactions are stored wrapped as one more RLP string, as they appear inside a block body.
    struct Vector {
        var nonce: UInt64, value: BigUInt, gasLimit: UInt64, tip: BigUInt, maxFee: BigUInt, wrapped: String
    }

    static let vectorKey = "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63"
    static let vectors: [Vector] = [
        Vector(nonce: 819, value: 43_203_529, gasLimit: 35552, tip: 75853, maxFee: 121_212, wrapped: "0xb87302f870821e8e8203338301284d8301d97c828ae094000000000000000000000000000000000000aaaa8402933bc980c080a0d067f2167008c59219652f91cbf8788dbca5f771f6e91e2b7657e85b78b472e0a01d305af9fe81fdba43f0dfcd400ed24dcace0a7e30d4e85701dcaaf484cd079e"),
        Vector(nonce: 353, value: 61_901_619, gasLimit: 32593, tip: 38850, maxFee: 136_295, wrapped: "0xb87202f86f821e8e8201618297c283021467827f5194000000000000000000000000000000000000aaaa8403b08b3380c001a004205678f13fc1d7b10feea6513dfa76e24418b6e08097d95c6f93a3b64e536da01d45ad61bfece43862de2cce7d2575a8c1d08c26c87f3cb5f26d7b0be54a91b2"),
        Vector(nonce: 985, value: 32_531_825, gasLimit: 68541, tip: 66377, maxFee: 136_097, wrapped: "0xb87402f871821e8e8203d983010349830213a183010bbd94000000000000000000000000000000000000aaaa8401f0657180c001a0e6d23c5ecc0f388a4d41a9523c3ad171e98083a61288c340b968dfe0903a6741a07319e8d54a4fd8f0c081d3ce093d869f9df598481991c8534bfd8f2c163884b4"),
        Vector(nonce: 623, value: 21_649_799, gasLimit: 57725, tip: 74140, maxFee: 81173, wrapped: "0xb87302f870821e8e82026f8301219c83013d1582e17d94000000000000000000000000000000000000aaaa84014a598780c080a0b107893e4590e177e244493a3f2b59d63619ddd82772105d8c96b7fc85ff683da07dc9b9dc054d2f69f9cc540688f6c0da3b54dd8bd8323f06d0ca26b546a480f1"),
        Vector(nonce: 972, value: 94_563_383, gasLimit: 65254, tip: 42798, maxFee: 103_466, wrapped: "0xb87202f86f821e8e8203cc82a72e8301942a82fee694000000000000000000000000000000000000aaaa8405a2ec3780c080a02596bfedd3101f7e3c881eec060f83c60617fb21173ff41a560e02c9c23f02f4a01ef1f7930d31081c06dfd2176046a99442a88678638a33eb80afa8d2d3389ee0"),
        Vector(nonce: 588, value: 99_359_647, gasLimit: 37274, tip: 87890, maxFee: 130_273, wrapped: "0xb87302f870821e8e82024c830157528301fce182919a94000000000000000000000000000000000000aaaa8405ec1b9f80c001a0404a06f2a9ba9d444e59f03e1b4ce46c4d7127342aa287a6e9a910b26ff6cc89a04af28549efdfb3e746938d01c92785e9852eb58c48d6f35cc99961e88f56603a"),
        Vector(nonce: 900, value: 30_402_257, gasLimit: 76053, tip: 8714, maxFee: 112_705, wrapped: "0xb87302f870821e8e82038482220a8301b8418301291594000000000000000000000000000000000000aaaa8401cfe6d180c080a06e1bc9e4645de8bdad2c60424539c2dd93aacbc06ae94e440629b133a99e9ba7a03d23fdfdd9934c77fe5385a6b4b6c69e84cdec7814a19d81e648b5852ee5f7eb"),
        Vector(nonce: 709, value: 6_478_043, gasLimit: 28335, tip: 86252, maxFee: 94636, wrapped: "0xb87202f86f821e8e8202c5830150ec830171ac826eaf94000000000000000000000000000000000000aaaa8362d8db80c001a09880d133cd636f8c8dce32e2c43494b9f2dc000eee8dc61931e09f866ed04b46a00e44d5c503c7f08b36c8b062c32a963f3dd20a71e95e3d903bfbe7f4da47cd47"),
        Vector(nonce: 939, value: 2_782_905, gasLimit: 45047, tip: 45216, maxFee: 91648, wrapped: "0xb87102f86e821e8e8203ab82b0a08301660082aff794000000000000000000000000000000000000aaaa832a76b980c001a0a0e7d9b07c7ec68f24788a554f993b99d59a3f08439cc6c942f62ea0341f2aeba078122b9957c146f7c87811bd58a7e9916ca8c07dabcf875b97bbdef79cb9c197"),
        Vector(nonce: 119, value: 65_456_115, gasLimit: 62341, tip: 24721, maxFee: 107_729, wrapped: "0xb87002f86d821e8e778260918301a4d182f38594000000000000000000000000000000000000aaaa8403e6c7f380c001a0e38e239770801eb995498c821e55ac9c19ae09184bb27b34be105e02fe3b7615a067c64ca6bd6d9107e85fd581ab2e70a14b637eb36505bb40861ef9d6e800cab6"),
    ]

    @Test func signsTheEthereumJSVectorsByteForByte() throws {
        let key = try EthereumPrivateKey(hex: Self.vectorKey)
        let to = try EthereumAddress("0x000000000000000000000000000000000000aaaa")
        var parities = Set<UInt8>()
        for vector in Self.vectors {
            let expected = try RLP.decode(Hex.decode(vector.wrapped)).bytesValue()
            let transaction = EIP1559Transaction(
                chainID: 7822, nonce: vector.nonce, maxPriorityFeePerGas: vector.tip, maxFeePerGas: vector.maxFee,
                gasLimit: vector.gasLimit, to: to, value: vector.value)
            let signed = transaction.signed(with: key)
            // libsecp256k1 and ethereumjs both use RFC 6979 nonces, so the signatures agree exactly.
            #expect(signed.rawBytes == expected, "nonce \(vector.nonce)")
            #expect(signed.hash == Keccak256.hash(expected))
            let decoded = try SignedEIP1559Transaction(raw: expected)
            #expect(decoded == signed)
            #expect(try decoded.recoverSender() == key.address)
            parities.insert(decoded.yParity)
        }
        // The vectors cover both y-parities, i.e. both v = 27 and v = 28 conversions.
        #expect(parities == [0, 1])
    }

    @Test func roundTripWithCalldataAndAccessList() throws {
        let contract = try EthereumAddress("0x4D97DCd97eC945f40cF65F87097ACe5EA0476045")
        let slot = try Bytes32(hex: "0x" + String(repeating: "0", count: 63) + "1")
        let transaction = EIP1559Transaction(
            chainID: 137, nonce: 0, maxPriorityFeePerGas: 30_000_000_000, maxFeePerGas: BigUInt("200000000000000000000"),
            gasLimit: 250_000, to: contract, value: 0, data: try ABI.encodeCall(signature: "payoutDenominator(bytes32)", arguments: [.bytes32(.zero)]),
            accessList: [AccessListEntry(address: contract, storageKeys: [slot])])
        let signed = transaction.signed(with: testKey)
        #expect(signed.rawBytes.first == 0x02)
        let decoded = try SignedEIP1559Transaction(rawHex: signed.rawHex)
        #expect(decoded.transaction == transaction)
        #expect(try decoded.recoverSender() == testKey.address)
        #expect(decoded.signature.v == 27 + decoded.yParity)
        // The signature is over the payload only: changing any field changes the recovered sender.
        var tampered = decoded.transaction
        tampered.nonce = 1
        let forged = SignedEIP1559Transaction(transaction: tampered, yParity: decoded.yParity, r: decoded.r, s: decoded.s)
        #expect((try? forged.recoverSender()) != testKey.address)
        // Contract creation has an empty `to`.
        var creation = transaction
        creation.to = nil
        #expect(try SignedEIP1559Transaction(raw: creation.signed(with: testKey).rawBytes).transaction.to == nil)
    }

    @Test func malformedRawTransactionsAreRefused() throws {
        let good = EIP1559Transaction(chainID: 137, nonce: 3, maxPriorityFeePerGas: 1, maxFeePerGas: 2, gasLimit: 21000, to: testKey.address)
            .signed(with: testKey)
        let fields = try RLP.decode(Array(good.rawBytes.dropFirst())).listValue()
        func raw(_ items: [RLPItem]) -> [UInt8] { [0x02] + RLP.encode(.list(items)) }

        #expect(throws: TransactionDecodingError.unsupportedType(0x01)) { try SignedEIP1559Transaction(raw: [0x01] + good.rawBytes.dropFirst()) }
        #expect(throws: TransactionDecodingError.unsupportedType(nil)) { try SignedEIP1559Transaction(raw: []) }
        #expect(throws: TransactionDecodingError.notHex) { try SignedEIP1559Transaction(rawHex: "0x02zz") }
        #expect(throws: TransactionDecodingError.self) { try SignedEIP1559Transaction(raw: Array(good.rawBytes.dropLast())) }
        #expect(throws: TransactionDecodingError.wrongFieldCount(expected: 12, actual: 11, what: "a type-2 transaction")) {
            try SignedEIP1559Transaction(raw: raw(Array(fields.dropLast())))
        }
        var badParity = fields
        badParity[9] = .uint(UInt64(27))
        #expect(throws: TransactionDecodingError.invalidYParity) { try SignedEIP1559Transaction(raw: raw(badParity)) }
        // s in the upper half of the order (the malleable twin of a valid signature) is refused.
        let order = BigUInt("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", radix: 16)!
        var highS = fields
        highS[11] = .uint(order - (try fields[11].uintValue()))
        #expect(throws: TransactionDecodingError.invalidSignatureValues) { try SignedEIP1559Transaction(raw: raw(highS)) }
        var shortTo = fields
        shortTo[5] = .bytes([1, 2, 3])
        #expect(throws: TransactionDecodingError.invalidAddress(field: "to")) { try SignedEIP1559Transaction(raw: raw(shortTo)) }
        var paddedNonce = fields
        paddedNonce[1] = .bytes([0, 3])
        #expect(throws: TransactionDecodingError.rlp(.leadingZeroInInteger(field: "nonce"))) { try SignedEIP1559Transaction(raw: raw(paddedNonce)) }
    }
}
