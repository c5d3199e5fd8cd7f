// Order building and signing, measured against BRIEF §4 and the official Python client:
// price/size → amounts → V2 Order → EIP-712 digest → secp256k1 signature → the POST /order JSON.
// Benchmarks/compare-order-signing.sh runs this and py-clob-client-v2 on the same machine.
import Benchmark
import EdgewiseCore
import EdgewiseEthereum
import EdgewisePolymarket

let key = try! EthereumPrivateKey(hex: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
let token = TokenID("71321045679252212594626385532706912750332728571942532289631379312455583992563")

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        scalingFactor: .one,
        maxDuration: .seconds(3))

    Benchmark("Polymarket V2 limit order: amounts + EIP-712 + sign + POST body") { benchmark in
        let signer = try! PolymarketOrderSigner(key: key, chain: .polygon)
        let price = try! Price(parsing: "0.56")
        let size = try! Size(parsing: "21.04")
        var salt: UInt64 = 1
        for _ in benchmark.scaledIterations {
            salt &+= 1
            let amounts = try! PolymarketOrderAmounts.limit(side: .buy, price: price, size: size, tickSize: .oneHundredth)
            let order = try! signer.order(
                tokenID: token, side: .buy, makerAmount: amounts.makerAmount, takerAmount: amounts.takerAmount,
                timestampMilliseconds: 1_780_449_126_930, salt: salt)
            let signed = signer.sign(order, negRisk: false)
            let body = "{\"order\":" + signed.json + ",\"owner\":\"owner-api-key\",\"orderType\":\"GTC\",\"deferExec\":false,\"postOnly\":false}"
            blackHole(body)
        }
    }

    Benchmark("secp256k1 recoverable sign of a 32-byte digest") { benchmark in
        let digest = Keccak256.hash("edgewise")
        for _ in benchmark.scaledIterations {
            blackHole(key.sign(digest: digest))
        }
    }

    Benchmark("Keccak-256 of 384 bytes (an order struct's encoding)") { benchmark in
        let input = [UInt8](repeating: 0xab, count: 384)
        for _ in benchmark.scaledIterations {
            blackHole(Keccak256.hash(input))
        }
    }

    Benchmark("V2 Order EIP-712 struct hash") { benchmark in
        let signer = try! PolymarketOrderSigner(key: key, chain: .polygon)
        let order = try! signer.order(
            tokenID: token, side: .buy, makerAmount: 11_782_400, takerAmount: 21_040_000,
            timestampMilliseconds: 1_780_449_126_930, salt: 42)
        for _ in benchmark.scaledIterations {
            blackHole(order.structHash)
        }
    }
}
