import EdgewiseCore
import EdgewiseEthereum
import EdgewisePolymarket
import EdgewiseStore
import EdgewiseTestSupport
import Foundation
import Synchronization
import Testing

/// `edgewise order place|cancel|list` and `edgewise positions` end to end: the built binary
/// against loopback venues that check every signature, with the public Hardhat test key.
@Suite("edgewise order and positions", .serialized)
struct OrderCommandTests {
    static let token = TradingVenue.tokenID
    /// BUY 21.04 shares at 0.56: 11.7824 pUSD for 21.04 shares.
    static let buy = ["order", "place", "--market", token, "--side", "buy", "--price", "0.56", "--size", "21.04"]

    // MARK: Dry runs

    @Test("--dry-run with --tick-size works offline and prints the exact signed request as one JSON object")
    func dryRunOffline() async throws {
        let closed = try await LoopbackServer.closedPort()
        let cli = try EdgewiseProcess.trading(nil, closedPort: closed)
        let result = try await cli.run(Self.buy + ["--tick-size", "0.01", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1, "\(result.stdout)")
        let request = try DryRunRequest(result.stdout)
        #expect(request.method == "POST")
        #expect(request.url == "http://127.0.0.1:\(closed)/order")
        #expect(request.headers["POLY_PASSPHRASE"] == "<redacted>")
        #expect(request.headers["POLY_ADDRESS"] == TradingWallet.address)
        #expect(request.headers["Content-Type"] == "application/json")

        let order = request.order
        #expect(order.string("makerAmount") == "11782400")
        #expect(order.string("takerAmount") == "21040000")
        #expect(order.string("side") == "BUY")
        #expect(order.string("signatureType") == "0")
        #expect(order.string("maker") == TradingWallet.address)
        #expect(order.string("signer") == TradingWallet.address)
        #expect(order.string("tokenId") == Self.token)
        #expect(order.string("expiration") == "0")
        #expect(order.envelope["orderType"] as? String == "GTC")
        #expect(order.envelope["postOnly"] as? Bool == false)
        let wallet = try EthereumAddress(TradingWallet.address)
        #expect(order.recoveredSigner(negRisk: false) == wallet, "the signature must recover to the wallet over the V2 order digest")
        #expect(order.recoveredSigner(negRisk: true) != wallet, "a plain market's order must not be signed for the neg-risk exchange")
        let hash = try #require(order.hash(negRisk: false))
        #expect(result.stderr.contains("dry run: nothing sent"), "\(result.stderr)")
        #expect(result.stderr.contains("order hash \(hash)"), "\(result.stderr)")
        Self.expectNoSecrets(result)
    }

    @Test("--dry-run with API credentials: POLY_SIGNATURE is the HMAC over timestamp + POST + /order + body; nothing is requested")
    func dryRunWithCredentials() async throws {
        let venue = try await TradingVenue.start()
        defer { Task { await venue.stop() } }
        let cli = try EdgewiseProcess.trading(venue, credentials: true)
        let result = try await cli.run(Self.buy + ["--tick-size", "0.01", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        let request = try DryRunRequest(result.stdout)
        #expect(request.headers["POLY_API_KEY"] == TradingWallet.apiKey)
        #expect(request.headers["POLY_PASSPHRASE"] == "<redacted>")
        #expect(request.order.envelope["owner"] as? String == TradingWallet.apiKey)
        let timestamp = try #require(request.headers["POLY_TIMESTAMP"])
        #expect(Int64(timestamp) != nil)
        let expected = TradingVenue.l2Signature(timestamp: timestamp, method: "POST", path: "/order", body: Data(request.bodyText.utf8))
        #expect(request.headers["POLY_SIGNATURE"] == expected)
        #expect(request.order.recoveredSigner(negRisk: false) == (try EthereumAddress(TradingWallet.address)))
        Self.expectNoSecrets(result)
        #expect(venue.requests.isEmpty, "a dry run with --tick-size must not touch the network: \(venue.requests.map(\.path))")
    }

    @Test("--neg-risk signs for the neg-risk exchange; a Safe wallet makes the funder the maker; safe without a funder is refused")
    func dryRunNegRiskAndSafe() async throws {
        let closed = try await LoopbackServer.closedPort()
        let wallet = try EthereumAddress(TradingWallet.address)
        var cli = try EdgewiseProcess.trading(nil, closedPort: closed)

        let negRisk = try await cli.run(Self.buy + ["--tick-size", "0.01", "--neg-risk", "--dry-run"])
        #expect(negRisk.status == 0, "\(negRisk.stderr)")
        let negRiskOrder = try DryRunRequest(negRisk.stdout).order
        #expect(negRiskOrder.recoveredSigner(negRisk: true) == wallet)
        #expect(negRiskOrder.recoveredSigner(negRisk: false) != wallet)
        #expect(negRisk.stderr.contains("neg-risk"), "\(negRisk.stderr)")

        cli.environment["EDGEWISE_POLYMARKET_SIGNATURE_TYPE"] = "safe"
        cli.environment["EDGEWISE_POLYMARKET_FUNDER"] = TradingWallet.safe
        let safe = try await cli.run(Self.buy + ["--tick-size", "0.01", "--dry-run"])
        #expect(safe.status == 0, "\(safe.stderr)")
        let safeOrder = try DryRunRequest(safe.stdout).order
        #expect(safeOrder.string("maker") == (try EthereumAddress(TradingWallet.safe)).checksummed)
        #expect(safeOrder.string("signer") == TradingWallet.address)
        #expect(safeOrder.string("signatureType") == "2")
        #expect(safeOrder.recoveredSigner(negRisk: false) == wallet)

        cli.environment["EDGEWISE_POLYMARKET_FUNDER"] = nil
        let noFunder = try await cli.run(Self.buy + ["--tick-size", "0.01", "--dry-run"])
        #expect(noFunder.status == 2)
        #expect(noFunder.stdout.isEmpty)
        #expect(noFunder.stderr.hasPrefix("error: "), "\(noFunder.stderr)")
        #expect(noFunder.stderr.contains("EDGEWISE_POLYMARKET_FUNDER"), "\(noFunder.stderr)")
    }

    @Test("a 429 with Retry-After on the market look-up is waited out and retried")
    func rateLimitedLookup() async throws {
        let venue = try await TradingVenue.start([
            .init("GET", "/book", auth: .none, handler: LoopbackResponse.sequence([
                .json(#"{"error":"Too Many Requests"}"#, status: 429, headers: [("Retry-After", "0.1")]),
                .json(TradingVenue.book(token: Self.token, minimumSize: "5", tickSize: "0.001", negRisk: true)),
            ])),
        ])
        defer { Task { await venue.stop() } }
        let cli = try EdgewiseProcess.trading(venue)
        let result = try await cli.run(Self.buy + ["--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(venue.requests("GET", "/book").count == 2)
        #expect(venue.requests("GET", "/book").allSatisfy { $0.queryValue("token_id") == Self.token })
        // The looked-up market is neg-risk with a 0.001 tick: the order is signed accordingly.
        let order = try DryRunRequest(result.stdout).order
        #expect(order.recoveredSigner(negRisk: true) == (try EthereumAddress(TradingWallet.address)))
        #expect(result.stderr.contains("tick 0.001, neg-risk"), "\(result.stderr)")
    }

    // MARK: Refusals before anything is sent

    @Test("orders that break a rule are refused before signing, with one clear line, and nothing is sent")
    func refusedBeforeSigning() async throws {
        let venue = try await TradingVenue.start()
        defer { Task { await venue.stop() } }
        let cli = try EdgewiseProcess.trading(venue, maxOrderNotional: "50")
        let soon = Int64(Date().timeIntervalSince1970) + 30
        let base = ["order", "place", "--market", Self.token, "--side", "buy", "--live"]
        let cases: [(arguments: [String], fragment: String)] = [
            (base + ["--price", "0.555", "--size", "10", "--tick-size", "0.01"], "price 0.555 is not a multiple of the tick 0.01"),
            (base + ["--price", "0.56", "--size", "2"], "below this market's minimum order size of 5"),
            (base + ["--price", "0.56", "--size", "100", "--tick-size", "0.01"], "above trading.max_order_notional (50)"),
            (base + ["--price", "0.56", "--size", "10", "--tick-size", "0.01", "--type", "gtd", "--expires", "\(soon)"], "is too soon"),
            (base + ["--price", "0.56", "--size", "10", "--tick-size", "0.01", "--type", "fok", "--post-only"],
             "post-only orders must rest on the book"),
        ]
        for (arguments, fragment) in cases {
            let result = try await cli.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.first?.hasPrefix("error: ") == true, "\(arguments): \(result.stderr)")
            #expect(lines.first?.contains(fragment) == true, "\(arguments): \(result.stderr)")
            #expect(lines.count <= 2 && lines.dropFirst().allSatisfy { $0.hasPrefix("hint: ") }, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        // The minimum size came from the venue's book, the only request made: the others had
        // --tick-size, and no order that breaks a rule may cost an authenticated request.
        #expect(venue.requests.map(\.path) == ["/book"])
        let store = try EdgewiseStore(path: cli.databasePath)
        #expect(try store.ordersThatMayBeLive().isEmpty, "nothing refused before signing may be journaled")
    }

    @Test("an unknown token: the look-up's 404 is one clear line, and nothing is signed or sent")
    func unknownToken() async throws {
        let venue = try await TradingVenue.start([
            .init("GET", "/book", auth: .none) { _ in
                .json(#"{"error":"No orderbook exists for the requested token id"}"#, status: 404)
            }
        ], standard: false)
        defer { Task { await venue.stop() } }
        let cli = try EdgewiseProcess.trading(venue)
        let result = try await cli.run(["order", "place", "--market", "123", "--side", "buy", "--price", "0.5", "--size", "10", "--live"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: could not read the market's tick size"), "\(result.stderr)")
        #expect(result.stderr.contains("--tick-size"), "\(result.stderr)")
        #expect(venue.requests.map(\.path) == ["/book"])
        #expect(result.stdout.isEmpty)
    }

    @Test("a malformed, short or shared private key is refused without echoing it, before any request")
    func badKeys() async throws {
        let venue = try await TradingVenue.start()
        defer { Task { await venue.stop() } }
        var cli = try EdgewiseProcess.trading(venue)
        let arguments = Self.buy + ["--tick-size", "0.01", "--live"]

        let malformed = "0x" + "zz" + String(TradingWallet.privateKey.dropFirst(4))
        cli.environment["EDGEWISE_POLYMARKET_PRIVATE_KEY"] = malformed
        let notHex = try await cli.run(arguments)
        #expect(notHex.status == 2, "\(notHex.stderr)")
        #expect(notHex.stderr.hasPrefix("error: the private key in EDGEWISE_POLYMARKET_PRIVATE_KEY is unusable"), "\(notHex.stderr)")
        #expect(notHex.stderr.contains("non-hex character"), "\(notHex.stderr)")
        #expect(!notHex.stderr.contains(malformed.dropFirst(4)), "the key must not be echoed")

        let short = String(TradingWallet.privateKey.dropLast(2))
        cli.environment["EDGEWISE_POLYMARKET_PRIVATE_KEY"] = short
        let wrongLength = try await cli.run(arguments)
        #expect(wrongLength.status == 2, "\(wrongLength.stderr)")
        #expect(wrongLength.stderr.contains("64 hex digits"), "\(wrongLength.stderr)")
        #expect(wrongLength.stderr.contains("has 62"), "\(wrongLength.stderr)")
        #expect(!wrongLength.stderr.contains(short.dropFirst(2)), "the key must not be echoed")
        for result in [notHex, wrongLength] {
            #expect(result.stdout.isEmpty)
            Self.expectNoSecrets(result)
        }

        // A key file others can read is refused with the fix; the same file at 0600 is used.
        cli.environment["EDGEWISE_POLYMARKET_PRIVATE_KEY"] = nil
        let keyFile = cli.home.appendingPathComponent("polymarket.key")
        try Data((TradingWallet.privateKey + "\n").utf8).write(to: keyFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
        try cli.writeConfig(polymarket: ["private_key_file = \"\(keyFile.path)\""])
        let shared = try await cli.run(arguments)
        #expect(shared.status == 2, "\(shared.stderr)")
        #expect(shared.stderr.hasPrefix("error: secret file \(keyFile.path) is accessible by other users (mode 644)"), "\(shared.stderr)")
        #expect(shared.stderr.contains("chmod 600"), "\(shared.stderr)")
        Self.expectNoSecrets(shared)
        #expect(venue.requests.isEmpty, "a bad key must stop the command before any request: \(venue.requests.map(\.path))")

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)
        let owned = try await cli.run(Self.buy + ["--tick-size", "0.01", "--dry-run"])
        #expect(owned.status == 0, "\(owned.stderr)")
        #expect(try DryRunRequest(owned.stdout).order.recoveredSigner(negRisk: false) == (try EthereumAddress(TradingWallet.address)))
    }

    @Test("without --live or mode = \"live\" nothing is sent and the exit code is 2")
    func refusesWithoutLive() async throws {
        let venue = try await TradingVenue.start()
        defer { Task { await venue.stop() } }
        let cli = try EdgewiseProcess.trading(venue)
        for arguments in [Self.buy, Self.buy + ["--tick-size", "0.01"]] {
            let result = try await cli.run(arguments)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("error: refusing to send a live order: pass --live"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(venue.requests.isEmpty, "\(venue.requests.map(\.path))")
    }

    // MARK: Live orders

    @Test("--live: L1 derive, market look-up, balance check, one signed POST /order, journaled under the order hash")
    func livePlace() async throws {
        let venue = try await TradingVenue.start()
        defer { Task { await venue.stop() } }
        let cli = try EdgewiseProcess.trading(venue)
        let result = try await cli.run(Self.buy + ["--live", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(venue.authFailures.isEmpty, "\(venue.authFailures)")
        #expect(venue.requests("GET", "/auth/derive-api-key").count == 1)
        #expect(venue.requests("POST", "/auth/api-key").isEmpty)
        #expect(venue.requests("GET", "/book").first?.queryValue("token_id") == Self.token)
        let balance = try #require(venue.requests("GET", "/balance-allowance").first)
        #expect(balance.queryValue("asset_type") == "COLLATERAL")
        #expect(balance.queryValue("signature_type") == "0")
        let posts = venue.requests("POST", "/order")
        #expect(posts.count == 1)
        let posted = try #require(posts.first.flatMap(PostedOrder.init))
        #expect(posted.envelope["owner"] as? String == TradingWallet.apiKey)
        #expect(posted.string("makerAmount") == "11782400")
        #expect(posted.string("takerAmount") == "21040000")
        #expect(posted.recoveredSigner(negRisk: false) == (try EthereumAddress(TradingWallet.address)))
        let hash = try #require(posted.hash(negRisk: false))
        // The order was sent only after the balance check.
        let paths = venue.requests.map(\.path)
        #expect(paths.firstIndex(of: "/balance-allowance")! < paths.firstIndex(of: "/order")!)

        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["orderID"] as? String == hash)
        #expect(report["status"] as? String == "LIVE")
        Self.expectNoSecrets(result)

        let store = try EdgewiseStore(path: cli.databasePath)
        let journaled = try #require(try store.order(ClientOrderID(hash)))
        #expect(journaled.status == .open)
        #expect(journaled.venueOrderID?.rawValue == hash)
        #expect(journaled.side == .buy)
        #expect(journaled.limitPrice == (try Price(parsing: "0.56")))
        #expect(journaled.size == (try Size(parsing: "21.04")))
        #expect(journaled.instrument.token.rawValue == Self.token)
        #expect(try store.history(of: ClientOrderID(hash)).count >= 2)
    }

    @Test("mode = \"live\" in the config: credentials are created when none can be derived; a SELL checks the shares")
    func liveSellCreatesKey() async throws {
        let venue = try await TradingVenue.start([
            .init("GET", "/auth/derive-api-key", auth: .l1, .json(#"{"error":"Could not derive api key!"}"#, status: 404)),
            .init("POST", "/auth/api-key", auth: .l1, .json(TradingVenue.credentialsJSON)),
        ])
        defer { Task { await venue.stop() } }
        let cli = try EdgewiseProcess.trading(venue, mode: "live")
        let no = VenueFixture.no
        let result = try await cli.run(["order", "place", "--market", no, "--side", "sell", "--price", "0.47", "--size", "10", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(venue.authFailures.isEmpty, "\(venue.authFailures)")
        #expect(venue.requests("GET", "/auth/derive-api-key").count == 1)
        #expect(venue.requests("POST", "/auth/api-key").count == 1)
        let balance = try #require(venue.requests("GET", "/balance-allowance").first)
        #expect(balance.queryValue("asset_type") == "CONDITIONAL")
        #expect(balance.queryValue("token_id") == no)
        let posted = try #require(venue.requests("POST", "/order").first.flatMap(PostedOrder.init))
        #expect(posted.string("side") == "SELL")
        #expect(posted.string("tokenId") == no)
        #expect(posted.string("makerAmount") == "10000000")
        #expect(posted.string("takerAmount") == "4700000")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["orderID"] as? String == posted.hash(negRisk: false))
    }

    @Test("not enough balance: refused before POST by the balance check, and mapped from the venue's refusal")
    func notEnoughBalance() async throws {
        let poor = try await TradingVenue.start([.init("GET", "/balance-allowance", auth: .l2, TradingVenue.balance(units: 1_000_000))])
        defer { Task { await poor.stop() } }
        let cli = try EdgewiseProcess.trading(poor)
        let refused = try await cli.run(Self.buy + ["--tick-size", "0.01", "--live"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.hasPrefix("error: the order needs 11.7824 USDC but the balance is 1"), "\(refused.stderr)")
        #expect(poor.requests("GET", "/balance-allowance").count == 1)
        #expect(poor.requests("POST", "/order").isEmpty)
        #expect(poor.authFailures.isEmpty, "\(poor.authFailures)")

        let venue = try await TradingVenue.start([
            .init("POST", "/order", auth: .l2, .json(#"{"error":"not enough balance / allowance"}"#, status: 400)),
        ])
        defer { Task { await venue.stop() } }
        let other = try EdgewiseProcess.trading(venue)
        let rejected = try await other.run(Self.buy + ["--tick-size", "0.01", "--live"])
        #expect(rejected.status == 1, "\(rejected.stderr)")
        let lines = rejected.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(rejected.stderr)")
        #expect(lines.first?.hasPrefix("error: POST /order: refused by Polymarket (HTTP 400): not enough balance / allowance") == true,
                "\(rejected.stderr)")
        #expect(lines.last?.hasPrefix("hint: the funder lacks pUSD") == true, "\(rejected.stderr)")
        #expect(venue.requests("POST", "/order").count == 1, "a refusal must not be retried")
        #expect(venue.authFailures.isEmpty, "\(venue.authFailures)")
        Self.expectNoSecrets(rejected)

        // The journal says what happened: the venue refused it, so it cannot be live.
        let hash = try #require(venue.requests("POST", "/order").first.flatMap(PostedOrder.init)?.hash(negRisk: false))
        let store = try EdgewiseStore(path: other.databasePath)
        let journaled = try #require(try store.order(ClientOrderID(hash)))
        #expect(journaled.status == .rejected)
        #expect(journaled.rejectReason?.contains("not enough balance / allowance") == true)
        #expect(try store.ordersThatMayBeLive().isEmpty)
    }

    @Test("a 5xx on POST /order means \"may exist\": the open orders are searched, the order is found, and it is not sent again")
    func serverErrorOnPost() async throws {
        let postedHash = Mutex<String?>(nil)
        let venue = try await TradingVenue.start([
            .init("POST", "/order", auth: .l2) { request in
                postedHash.withLock { $0 = PostedOrder(request)?.hash(negRisk: false) }
                return .json(#"{"error":"upstream connect error"}"#, status: 502)
            },
            .init("GET", "/data/orders", auth: .l2) { _ in
                let hash = postedHash.withLock { $0 }
                let data = hash.map { "[\(TradingVenue.openOrder(id: $0))]" } ?? "[]"
                return .json(#"{"limit":100,"count":1,"next_cursor":"LTE=","data":\#(data)}"#)
            },
        ])
        defer { Task { await venue.stop() } }
        let cli = try EdgewiseProcess.trading(venue)
        let result = try await cli.run(Self.buy + ["--tick-size", "0.01", "--live", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(venue.requests("POST", "/order").count == 1, "an order that may exist must never be sent twice")
        let lookups = venue.requests("GET", "/data/orders")
        #expect(!lookups.isEmpty)
        #expect(lookups.allSatisfy { $0.queryValue("asset_id") == Self.token })
        #expect(venue.authFailures.isEmpty, "\(venue.authFailures)")
        let hash = try #require(postedHash.withLock { $0 })
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["orderID"] as? String == hash)
        #expect(report["status"] as? String == "LIVE", "the same spelling as an accepted order's status")
        #expect((report["note"] as? String)?.contains("found open, not re-sent") == true, "\(report)")
        let store = try EdgewiseStore(path: cli.databasePath)
        #expect(try store.order(ClientOrderID(hash))?.status == .open)
    }

    @Test("a timeout after sending means \"may exist\": found among the trades, it is reported matched and not sent again")
    func timeoutOnPost() async throws {
        let postedHash = Mutex<String?>(nil)
        let venue = try await TradingVenue.start([
            .init("POST", "/order", auth: .l2) { request in
                postedHash.withLock { $0 = PostedOrder(request)?.hash(negRisk: false) }
                var late = TradingVenue.accept(request)
                late.delay = .seconds(6)
                return late
            },
            .init("GET", "/data/trades", auth: .l2) { _ in
                let hash = postedHash.withLock { $0 } ?? ""
                let trade = """
                    {"id":"trade-1","taker_order_id":"\(hash)","market":"\(TradingVenue.conditionID)","asset_id":"\(Self.token)",\
                    "side":"BUY","size":"21.04","fee_rate_bps":"0","price":"0.56","status":"MATCHED","match_time":"1780000000",\
                    "last_update":"1780000000","outcome":"Yes","bucket_index":0,"owner":"\(TradingWallet.apiKey)",\
                    "maker_address":"\(TradingWallet.address)","maker_orders":[],"transaction_hash":"","trader_side":"TAKER"}
                    """
                return .json(#"{"limit":100,"count":1,"next_cursor":"LTE=","data":[\#(trade)]}"#)
            },
        ])
        defer { Task { await venue.stop() } }
        let cli = try EdgewiseProcess.trading(venue, requestTimeout: "2")
        let result = try await cli.run(Self.buy + ["--tick-size", "0.01", "--live", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(venue.requests("POST", "/order").count == 1, "an order that may exist must never be sent twice")
        #expect(venue.requests("GET", "/data/orders").count >= 1, "open orders are searched first")
        #expect(venue.authFailures.isEmpty, "\(venue.authFailures)")
        let hash = try #require(postedHash.withLock { $0 })
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["orderID"] as? String == hash)
        #expect(report["status"] as? String == "MATCHED")
        #expect(report["tradeIDs"] as? [String] == ["trade-1"])
        #expect((report["note"] as? String)?.contains("found in trades, not re-sent") == true, "\(report)")
    }

    // MARK: Listing and cancelling

    @Test("order list --json reads every page of open orders with verified L2 headers")
    func orderList() async throws {
        let first = "0x" + String(repeating: "a1", count: 32)
        let second = "0x" + String(repeating: "b2", count: 32)
        let venue = try await TradingVenue.start([
            .init("GET", "/data/orders", auth: .l2) { request in
                switch request.queryValue("next_cursor") {
                case "MA==": .json(#"{"limit":1,"count":1,"next_cursor":"MQ==","data":[\#(TradingVenue.openOrder(id: first))]}"#)
                case "MQ==":
                    .json(#"{"limit":1,"count":1,"next_cursor":"LTE=","data":[\#(TradingVenue.openOrder(id: second, token: VenueFixture.no, side: "SELL", price: "0.47", size: "10"))]}"#)
                default: .json(#"{"error":"bad cursor"}"#, status: 400)
                }
            },
        ])
        defer { Task { await venue.stop() } }
        let cli = try EdgewiseProcess.trading(venue, credentials: true)
        let result = try await cli.run("order", "list", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(venue.authFailures.isEmpty, "\(venue.authFailures)")
        #expect(venue.requests.allSatisfy { !$0.path.hasPrefix("/auth") }, "configured credentials need no derivation")
        let orders = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: String]])
        #expect(orders.map { $0["id"] } == [first, second])
        #expect(orders[0]["side"] == "buy")
        #expect(orders[1]["side"] == "sell")
        #expect(orders[0]["price"] == "0.56")
        #expect(orders[0]["originalSize"] == "21.04")
        #expect(orders[1]["token"] == VenueFixture.no)
        #expect(orders[1]["market"] == TradingVenue.conditionID)
        #expect(venue.requests("GET", "/data/orders").map { $0.queryValue("next_cursor") } == ["MA==", "MQ=="])

        let filtered = try await cli.run("order", "list", "--token", Self.token, "--json")
        #expect(filtered.status == 0, "\(filtered.stderr)")
        #expect(venue.requests("GET", "/data/orders").last?.queryValue("asset_id") == Self.token)
        Self.expectNoSecrets(result)
    }

    @Test("order cancel <id> and --all send signed DELETEs and report what was and was not cancelled")
    func orderCancel() async throws {
        let id = "0x" + String(repeating: "c3", count: 32)
        let other = "0x" + String(repeating: "d4", count: 32)
        let venue = try await TradingVenue.start([
            .init("DELETE", "/order", auth: .l2) { request in
                let asked = (try? JSONSerialization.jsonObject(with: request.body) as? [String: String])?["orderID"] ?? ""
                return .json(#"{"canceled":["\#(asked)"],"not_canceled":{}}"#)
            },
            .init("DELETE", "/cancel-all", auth: .l2, .json(#"{"canceled":["\#(id)"],"not_canceled":{"\#(other)":"order already matched"}}"#)),
        ])
        defer { Task { await venue.stop() } }
        let cli = try EdgewiseProcess.trading(venue)

        let one = try await cli.run("order", "cancel", id, "--json")
        #expect(one.status == 0, "\(one.stderr)")
        let cancelled = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: [String]])
        #expect(cancelled["canceled"] == [id])
        #expect(cancelled["notCanceled"] == [])
        let delete = try #require(venue.requests("DELETE", "/order").first)
        #expect(delete.bodyText == #"{"orderID":"\#(id)"}"#)

        let all = try await cli.run("order", "cancel", "--all")
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.hasPrefix("cancelled 1 order(s): \(id)"), "\(all.stdout)")
        #expect(all.stderr.contains("not cancelled \(other): order already matched"), "\(all.stderr)")
        #expect(venue.requests("DELETE", "/cancel-all").count == 1)
        #expect(venue.requests("GET", "/auth/derive-api-key").count == 2, "each run derives its credentials with L1")
        #expect(venue.authFailures.isEmpty, "\(venue.authFailures)")

        let usage = try await cli.run("order", "cancel")
        #expect(usage.status != 0)
        #expect(usage.stderr.contains("give order ids, --all, or --market"), "\(usage.stderr)")
        Self.expectNoSecrets(all)
    }

    @Test("positions --user --json reads the Data API", .requiresSharedFixtures)
    func positions() async throws {
        let samples = try SharedFixtures.venueJSON("polymarket-data-api-samples.json")
        let page = try SharedFixtures.jsonData([try #require(samples["position"])])
        let venue = try await TradingVenue.start([.init("GET", "/positions", auth: .none, .json(page))], standard: false)
        defer { Task { await venue.stop() } }
        var cli = try EdgewiseProcess.trading(venue)
        cli.environment["EDGEWISE_POLYMARKET_CLOB_URL"] = "http://127.0.0.1:9"
        let user = "0x56687bf447db6ffa42ffe2204a05edaa20f55839"
        let result = try await cli.run("positions", "--user", user, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let positions = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: String]])
        #expect(positions.count == 1)
        let position = try #require(positions.first)
        #expect(position["token"] == VenueFixture.yes)
        #expect(position["conditionId"] == VenueFixture.conditionID)
        #expect(position["title"] == "Will it rain in Paris on 2026-06-01?")
        #expect(position["outcome"] == "Yes")
        #expect(position["size"] == "120.5")
        #expect(position["avgPrice"] == "0.41")
        #expect(position["curPrice"] == "0.535")
        #expect(position["currentValue"] == "64.4675")
        #expect(position["cashPnl"] == "15.0625")
        #expect(position["redeemable"] == "false")
        let asked = try #require(venue.requests("GET", "/positions").first)
        #expect(asked.queryValue("user") == (try EthereumAddress(user)).checksummed)

        // Without --user, the key's own address (an EOA wallet) is shown.
        let own = try await cli.run("positions", "--json")
        #expect(own.status == 0, "\(own.stderr)")
        #expect(venue.requests("GET", "/positions").last?.queryValue("user") == TradingWallet.address)
    }

    // MARK: Helpers

    static func expectNoSecrets(_ result: EdgewiseProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in TradingWallet.secrets {
            #expect(!result.stdout.contains(secret), "a secret leaked into stdout", sourceLocation: sourceLocation)
            #expect(!result.stderr.contains(secret), "a secret leaked into stderr", sourceLocation: sourceLocation)
        }
    }
}

/// The JSON a dry run prints: `{"method","url","headers":{…},"body":<the exact body>}`.
struct DryRunRequest {
    let method: String
    let url: String
    let headers: [String: String]
    /// The body exactly as it would be sent (and as the HMAC covers it).
    let bodyText: String
    let order: PostedOrder

    struct Malformed: Error, CustomStringConvertible { let description: String }

    init(_ stdout: String) throws {
        let text = stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let method = object["method"] as? String, let url = object["url"] as? String,
              let headers = object["headers"] as? [String: String], let body = object["body"] as? [String: Any],
              let order = PostedOrder(envelope: body)
        else { throw Malformed(description: "not a dry-run request: \(stdout)") }
        // The body is spliced in verbatim as the last member, so its bytes can be cut out.
        guard let marker = text.range(of: #","body":"#), text.hasSuffix("}") else { throw Malformed(description: "no body in \(stdout)") }
        self.method = method
        self.url = url
        self.headers = headers
        self.bodyText = String(text[marker.upperBound...].dropLast())
        self.order = order
    }
}

extension EdgewiseProcess {
    /// A CLI set up to trade as ``TradingWallet`` against `venue` (or a closed port): the key in
    /// the environment, short timeouts, and the given config.
    static func trading(
        _ venue: TradingVenue?, closedPort: Int? = nil, mode: String? = nil, maxOrderNotional: String? = nil,
        requestTimeout: String = "5", credentials: Bool = false
    ) throws -> EdgewiseProcess {
        var cli = try EdgewiseProcess(server: venue?.server, closedPort: closedPort)
        cli.environment["EDGEWISE_POLYMARKET_PRIVATE_KEY"] = TradingWallet.privateKey
        if credentials {
            cli.environment["EDGEWISE_POLYMARKET_API_KEY"] = TradingWallet.apiKey
            cli.environment["EDGEWISE_POLYMARKET_API_SECRET"] = TradingWallet.secret
            cli.environment["EDGEWISE_POLYMARKET_API_PASSPHRASE"] = TradingWallet.passphrase
        }
        try cli.writeConfig(mode: mode, maxOrderNotional: maxOrderNotional, requestTimeout: requestTimeout)
        return cli
    }

    /// Writes `<home>/config.toml`: HTTP timeouts short enough for tests, plus what is given.
    func writeConfig(
        mode: String? = nil, maxOrderNotional: String? = nil, requestTimeout: String = "5", polymarket: [String] = []
    ) throws {
        var config = mode.map { "mode = \"\($0)\"\n" } ?? ""
        config += "[network]\nrequest_timeout_seconds = \(requestTimeout)\nmax_retries = 2\n"
        if let maxOrderNotional { config += "[trading]\nmax_order_notional = \(maxOrderNotional)\n" }
        if !polymarket.isEmpty { config += "[polymarket]\n" + polymarket.joined(separator: "\n") + "\n" }
        try config.write(to: home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    }
}
