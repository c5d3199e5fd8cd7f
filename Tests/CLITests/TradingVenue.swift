import BigInt
import EdgewiseEthereum
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Synchronization

/// The wallet and API credentials the order tests trade with: Hardhat's first public test key
/// (never a real wallet) and made-up L2 credentials whose secret and passphrase are distinctive
/// enough to search for in the output.
enum TradingWallet {
    static let privateKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
    static let address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
    static let apiKey = "5b1e2c7a-9d3f-4e8b-a6c1-0f2d4e6a8b9c"
    /// Base64url of 32 bytes; the HMAC key is its decoding.
    static let secret = "c2VjcmV0LWZvci10aGUtZWRnZXdpc2UtY2xpLXRlc3Q="
    static let passphrase = "9e1f3a5c7b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a"
    static let credentials = PolymarketAPICredentials(apiKey: apiKey, secret: secret, passphrase: passphrase)

    /// A Safe the wallet signs for (any well-formed address will do for the signature rules).
    static let safe = "0x56687bf447db6ffa42ffe2204a05edaa20f55839"

    /// Everything that must never appear in the CLI's output.
    static let secrets = [
        privateKey, String(privateKey.dropFirst(2)), secret, passphrase,
    ]
}

/// A loopback Polymarket CLOB (and Data API) for the order commands.
///
/// - L1 routes (`/auth/…`) check `POLY_ADDRESS` and recover the signer of `POLY_SIGNATURE` from
///   the ClobAuth EIP-712 digest, built here from the published type and domain rather than with
///   the code under test.
/// - L2 routes check the HMAC in `POLY_SIGNATURE` over `timestamp + method + path + body` as the
///   server received them, and the other four `POLY_*` headers.
/// - Public routes (`/book`, `/positions`) are not checked.
///
/// A request that fails its check is answered 401 and recorded in ``authFailures``, so a test
/// cannot pass with wrong signing.
final class TradingVenue: Sendable {
    enum Auth: Sendable { case none, l1, l2 }

    struct Route: Sendable {
        var method: String
        var pattern: String
        var auth: Auth
        var handler: LoopbackHTTPHandler

        init(_ method: String, _ pattern: String, auth: Auth, handler: @escaping LoopbackHTTPHandler) {
            self.method = method
            self.pattern = pattern
            self.auth = auth
            self.handler = handler
        }

        init(_ method: String, _ pattern: String, auth: Auth, _ response: LoopbackResponse) {
            self.init(method, pattern, auth: auth) { _ in response }
        }
    }

    let server: LoopbackServer
    private let log: FailureLog

    private init(server: LoopbackServer, log: FailureLog) {
        self.server = server
        self.log = log
    }

    /// Authentication failures seen so far (empty when every request verified).
    var authFailures: [String] { log.entries.withLock { $0 } }
    var requests: [LoopbackRequest] { server.requests }
    func requests(_ method: String, _ path: String) -> [LoopbackRequest] {
        server.requests(path: path).filter { $0.method == method }
    }

    /// Starts a venue with `routes` in front of ``standardRoutes()``: the first route matching a
    /// request answers it, so a test overrides a standard answer by listing its own.
    static func start(_ routes: [Route] = [], standard: Bool = true) async throws -> TradingVenue {
        let log = FailureLog()
        let all = routes + (standard ? standardRoutes() : [])
        let loopbackRoutes = all.map { route in
            LoopbackRoute(route.method, route.pattern) { request in
                let problem: String? = switch route.auth {
                case .none: nil
                case .l1: verifyL1(request)
                case .l2: verifyL2(request)
                }
                if let problem {
                    log.append("\(request.method) \(request.path): \(problem)")
                    return .json(#"{"error":"Unauthorized/Invalid api key"}"#, status: 401)
                }
                return await route.handler(request)
            }
        }
        let server = try await LoopbackServer.start(routes: loopbackRoutes)
        return TradingVenue(server: server, log: log)
    }

    private final class FailureLog: Sendable {
        let entries = Mutex<[String]>([])
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    }

    func stop() async { await server.stop() }

    // MARK: Standard answers

    static let tokenID = VenueFixture.yes
    static let conditionID = VenueFixture.conditionID

    /// Derive answers with the test credentials; the book has tick 0.01 and a minimum of 5 shares;
    /// the wallet holds 1000 pUSD; orders are accepted as `live` under their own hash; there are no
    /// open orders or trades; cancels cancel what they name.
    static func standardRoutes() -> [Route] {
        [
            Route("GET", "/auth/derive-api-key", auth: .l1, .json(credentialsJSON)),
            Route("GET", "/book", auth: .none) { request in .json(book(token: request.queryValue("token_id") ?? "")) },
            Route("GET", "/balance-allowance", auth: .l2, balance(units: 1_000_000_000)),
            Route("POST", "/order", auth: .l2) { request in accept(request) },
            Route("GET", "/data/orders", auth: .l2, .json(#"{"limit":100,"count":0,"next_cursor":"LTE=","data":[]}"#)),
            Route("GET", "/data/trades", auth: .l2, .json(#"{"limit":100,"count":0,"next_cursor":"LTE=","data":[]}"#)),
        ]
    }

    static var credentialsJSON: String {
        #"{"apiKey":"\#(TradingWallet.apiKey)","secret":"\#(TradingWallet.secret)","passphrase":"\#(TradingWallet.passphrase)"}"#
    }

    static func book(token: String, minimumSize: String = "5", tickSize: String = "0.01", negRisk: Bool = false) -> String {
        """
        {"market":"\(conditionID)","asset_id":"\(token)","timestamp":"1780000000000","hash":"",\
        "bids":[{"price":"0.52","size":"100"}],"asks":[{"price":"0.57","size":"100"}],\
        "min_order_size":"\(minimumSize)","tick_size":"\(tickSize)","neg_risk":\(negRisk),"last_trade_price":"0.55"}
        """
    }

    static func balance(units: Int64) -> LoopbackResponse {
        .json(#"{"balance":"\#(units)","allowances":{"0xE111180000d2663C0091e4f400237545B87B996B":"115792089237316195423570985008687907853269984665640564039457584007913129639935"}}"#)
    }

    /// The venue's acceptance of a posted order, under the order's own hash.
    static func accept(_ request: LoopbackRequest) -> LoopbackResponse {
        guard let hash = PostedOrder(request)?.hash(negRisk: false) else {
            return .json(#"{"error":"invalid order payload"}"#, status: 400)
        }
        return .json(
            #"{"success":true,"errorMsg":"","orderID":"\#(hash)","transactionsHashes":[],"tradeIDs":[],"status":"live","takingAmount":"","makingAmount":""}"#)
    }

    /// One open order as `GET /data/orders` lists it.
    static func openOrder(id: String, token: String = tokenID, side: String = "BUY", price: String = "0.56", size: String = "21.04") -> String {
        """
        {"id":"\(id)","status":"LIVE","owner":"\(TradingWallet.apiKey)","maker_address":"\(TradingWallet.address)",\
        "market":"\(conditionID)","asset_id":"\(token)","side":"\(side)","original_size":"\(size)","size_matched":"0",\
        "price":"\(price)","associate_trades":[],"outcome":"Yes","created_at":1780000000,"expiration":"0","order_type":"GTC"}
        """
    }

    // MARK: Checks

    static func header(_ request: LoopbackRequest, _ name: String) -> String? {
        request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The ClobAuth proof: `POLY_SIGNATURE` must recover to `POLY_ADDRESS`, which must be the wallet.
    static func verifyL1(_ request: LoopbackRequest) -> String? {
        guard header(request, "POLY_ADDRESS") == TradingWallet.address else { return "POLY_ADDRESS is \(header(request, "POLY_ADDRESS") ?? "missing")" }
        guard let timestamp = header(request, "POLY_TIMESTAMP"), Int64(timestamp) != nil else { return "POLY_TIMESTAMP missing" }
        guard let nonce = header(request, "POLY_NONCE").flatMap(UInt64.init) else { return "POLY_NONCE missing" }
        guard let signature = header(request, "POLY_SIGNATURE") else { return "POLY_SIGNATURE missing" }
        do {
            let wallet = try EthereumAddress(TradingWallet.address)
            let types = try EIP712Types([
                "ClobAuth": [
                    .init("address", "address"), .init("timestamp", "string"), .init("nonce", "uint256"), .init("message", "string"),
                ],
            ])
            let digest = try EIP712TypedData(
                types: types, primaryType: "ClobAuth",
                domain: EIP712Domain(name: "ClobAuthDomain", version: "1", chainID: BigUInt(137)),
                message: [
                    "address": .address(wallet), "timestamp": .string(timestamp), "nonce": .integer(nonce),
                    "message": .string("This message attests that I control the given wallet"),
                ]
            ).digest()
            let signer = try EthereumSignature(hex: signature).recoverAddress(digest: digest)
            return signer == wallet ? nil : "POLY_SIGNATURE recovers to \(signer), not the wallet"
        } catch {
            return "POLY_SIGNATURE unusable: \(error)"
        }
    }

    /// The L2 headers: the HMAC over exactly what arrived (path without query, body bytes).
    static func verifyL2(_ request: LoopbackRequest) -> String? {
        guard header(request, "POLY_ADDRESS") == TradingWallet.address else { return "POLY_ADDRESS is \(header(request, "POLY_ADDRESS") ?? "missing")" }
        guard header(request, "POLY_API_KEY") == TradingWallet.apiKey else { return "POLY_API_KEY wrong" }
        guard header(request, "POLY_PASSPHRASE") == TradingWallet.passphrase else { return "POLY_PASSPHRASE wrong" }
        guard let timestamp = header(request, "POLY_TIMESTAMP"), Int64(timestamp) != nil else { return "POLY_TIMESTAMP missing" }
        guard let signature = header(request, "POLY_SIGNATURE") else { return "POLY_SIGNATURE missing" }
        let expected = l2Signature(timestamp: timestamp, method: request.method, path: request.path, body: request.body.isEmpty ? nil : request.body)
        return signature == expected ? nil : "POLY_SIGNATURE does not match the received path and body"
    }

    static func l2Signature(timestamp: String, method: String, path: String, body: Data?) -> String? {
        guard let signer = try? PolymarketL2Signer(secret: TradingWallet.secret) else { return nil }
        return signer.signature(timestamp: timestamp, method: method, requestPath: path, body: body)
    }
}

/// The `order` object of a `POST /order` body (or of a dry run's `body`), with the EIP-712 digest
/// recomputed from its fields — independently of the signer under test: the type string, domain
/// and exchange addresses are written out here.
struct PostedOrder {
    let envelope: [String: Any]
    let order: [String: Any]

    init?(_ request: LoopbackRequest) { self.init(body: request.body) }

    init?(body: Data) {
        guard let envelope = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        self.init(envelope: envelope)
    }

    init?(envelope: [String: Any]) {
        guard let order = envelope["order"] as? [String: Any] else { return nil }
        self.envelope = envelope
        self.order = order
    }

    func string(_ key: String) -> String? {
        switch order[key] {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    static let exchange = "0xE111180000d2663C0091e4f400237545B87B996B"
    static let negRiskExchange = "0xe2222d279d744050d28e00520010520000310F59"

    static let types = try! EIP712Types([
        "Order": [
            .init("salt", "uint256"), .init("maker", "address"), .init("signer", "address"), .init("tokenId", "uint256"),
            .init("makerAmount", "uint256"), .init("takerAmount", "uint256"), .init("side", "uint8"),
            .init("signatureType", "uint8"), .init("timestamp", "uint256"), .init("metadata", "bytes32"),
            .init("builder", "bytes32"),
        ],
    ])

    func digest(negRisk: Bool, chainID: UInt64 = 137) -> Bytes32? {
        func uint(_ key: String) -> BigUInt? { string(key).flatMap { BigUInt($0, radix: 10) } }
        guard let salt = uint("salt"), let tokenID = uint("tokenId"), let makerAmount = uint("makerAmount"),
              let takerAmount = uint("takerAmount"), let signatureType = uint("signatureType"), let timestamp = uint("timestamp"),
              let maker = try? EthereumAddress(string("maker") ?? ""), let signer = try? EthereumAddress(string("signer") ?? ""),
              let metadata = try? Bytes32(hex: string("metadata") ?? ""), let builder = try? Bytes32(hex: string("builder") ?? ""),
              let side = string("side"), side == "BUY" || side == "SELL"
        else { return nil }
        let domain = EIP712Domain(
            name: "Polymarket CTF Exchange", version: "2", chainID: BigUInt(chainID),
            verifyingContract: try! EthereumAddress(negRisk ? Self.negRiskExchange : Self.exchange))
        let message: [String: EIP712Value] = [
            "salt": .uint(salt), "maker": .address(maker), "signer": .address(signer), "tokenId": .uint(tokenID),
            "makerAmount": .uint(makerAmount), "takerAmount": .uint(takerAmount), "side": .integer(side == "BUY" ? 0 : 1),
            "signatureType": .uint(signatureType), "timestamp": .uint(timestamp), "metadata": .bytes32(metadata),
            "builder": .bytes32(builder),
        ]
        return try? EIP712TypedData(types: Self.types, primaryType: "Order", domain: domain, message: message).digest()
    }

    func hash(negRisk: Bool) -> String? { digest(negRisk: negRisk)?.hex }

    /// The address the order's signature recovers to over the digest for `negRisk`.
    func recoveredSigner(negRisk: Bool) -> EthereumAddress? {
        guard let digest = digest(negRisk: negRisk), let signature = try? EthereumSignature(hex: string("signature") ?? "") else { return nil }
        return try? signature.recoverAddress(digest: digest)
    }
}
