import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
@testable import EdgewiseVenueKit
import Foundation
import Testing

@Suite("HTTP transport against loopback", .timeLimit(.minutes(1)))
struct HTTPTransportTests {
    func clob(_ server: LoopbackServer, _ configuration: HTTPTransportConfiguration = fastTransport) -> ClobClient {
        ClobClient(baseURL: server.baseURL, configuration: configuration)
    }

    @Test func rateLimitedHonoursRetryAfterThenSucceeds() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/midpoint", handler: LoopbackResponse.sequence([
                .status(429, body: "slow down", headers: [("Retry-After", "0")]), .json(#"{"mid":"0.5"}"#),
            ]))
        ])
        // A backoff this long would hit the time limit: success proves Retry-After was used.
        var configuration = fastTransport
        configuration.retry.initialBackoff = .seconds(600)
        configuration.retry.maxBackoff = .seconds(600)
        configuration.retry.jitter = 0
        let mid = try await clob(server, configuration).midpoint("T")
        #expect(mid == Price.p("0.5"))
        #expect(server.requests(path: "/midpoint").count == 2)
        await server.stop()
    }

    @Test func retryAfterBeyondCapFailsAtOnce() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/midpoint", .status(429, headers: [("Retry-After", "120")]))
        ])
        await #expect {
            try await clob(server).midpoint("T")
        } throws: { error in
            guard case .rateLimited(let endpoint, let retryAfter) = error as? VenueError else { return false }
            return endpoint == "GET /midpoint" && retryAfter == .seconds(120)
        }
        #expect(server.requests(path: "/midpoint").count == 1)
        await server.stop()
    }

    @Test func serverErrorThenSuccessIsRetried() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/price", handler: LoopbackResponse.sequence([.status(502, body: "bad gateway"), .json(#"{"price":"0.49"}"#)]))
        ])
        #expect(try await clob(server).price("T", side: .buy) == Price.p("0.49"))
        let requests = server.requests(path: "/price")
        #expect(requests.count == 2)
        #expect(requests[0].queryValue("side") == "BUY")
        #expect(requests[0].queryValue("token_id") == "T")
        await server.stop()
    }

    @Test func serverErrorForeverGivesTypedErrorAfterBudget() async throws {
        let server = try await LoopbackServer.start(routes: [.get("/spread", .status(503, body: "maintenance"))])
        do {
            _ = try await clob(server).spread("T")
            Issue.record("expected an error")
        } catch {
            guard case .server(let endpoint, let status, let body) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(endpoint == "GET /spread")
            #expect(status == 503)
            #expect(body == "maintenance")
            #expect(error.description.contains("retry later"))
        }
        #expect(server.requests(path: "/spread").count == 3)
        await server.stop()
    }

    @Test func clientErrorIsNotRetriedAndHeadersAreNotEchoed() async throws {
        let server = try await LoopbackServer.start(routes: [.get("/secret", .status(401, body: "unauthorized"))])
        let transport = HTTPTransport(baseURL: server.baseURL, configuration: fastTransport)
        do {
            _ = try await transport.send(VenueRequest(.get, "/secret", headers: [("POLY_API_KEY", "s3cr3t-value")]))
            Issue.record("expected an error")
        } catch {
            guard case .client(_, 401, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(!error.description.contains("s3cr3t-value"))
        }
        #expect(server.requests(path: "/secret").count == 1)
        await server.stop()
    }

    @Test func connectionRefusedFailsFastWithHint() async throws {
        let port = try await LoopbackServer.closedPort()
        let client = ClobClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!, configuration: fastTransport)
        do {
            _ = try await client.midpoint("T")
            Issue.record("expected an error")
        } catch {
            guard case .unreachable(let endpoint, let host, _, let hint) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(endpoint == "GET /midpoint")
            #expect(host == "127.0.0.1")
            #expect(hint.contains("EDGEWISE_POLYMARKET_CLOB_URL"))
            #expect(error.description.contains("check network"))
        }
    }

    @Test func malformedJSONNamesTheEndpointAndField() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/midpoint", .json("{this is not json")),
            .get("/tick-size", .json(#"{"minimum_tick_size": true}"#)),
            .get("/book", .json(#"{"asset_id":"T","bids":[{"price":"0.5","size":"1"},{"price":"x","size":"1"}],"asks":[]}"#)),
        ])
        let client = clob(server)
        await #expect {
            try await client.midpoint("T")
        } throws: { error in
            guard case .decoding(let endpoint, _, _) = error as? VenueError else { return false }
            return endpoint == "GET /midpoint"
        }
        await #expect {
            try await client.tickSize("T")
        } throws: { error in
            guard case .decoding(let endpoint, let field, _) = error as? VenueError else { return false }
            return endpoint == "GET /tick-size" && field == "minimum_tick_size"
        }
        await #expect {
            try await client.book("T")
        } throws: { error in
            guard case .decoding(let endpoint, let field, _) = error as? VenueError else { return false }
            return endpoint == "GET /book" && field == "bids[1].price"
        }
        #expect(server.requests(path: "/midpoint").count == 1)
        await server.stop()
    }

    @Test func slowResponseTimesOut() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/midpoint", LoopbackResponse(status: 200, body: Data(#"{"mid":"0.5"}"#.utf8), delay: .milliseconds(800)))
        ])
        let configuration = HTTPTransportConfiguration(requestTimeout: .milliseconds(100), retry: .none)
        await #expect {
            try await clob(server, configuration).midpoint("T")
        } throws: { error in
            guard case .timeout(let endpoint, _) = error as? VenueError else { return false }
            return endpoint == "GET /midpoint"
        }
        await server.stop()
    }

    @Test func aTricklingBodyTimesOutWithinTheRequestBudget() async throws {
        var trickle = LoopbackResponse.json(#"{"mid":"0.5","padding":"................................"}"#)
        trickle.pauseBetweenBytes = .milliseconds(20)  // about a second for the whole body
        let server = try await LoopbackServer.start(routes: [.get("/midpoint", trickle)])
        let configuration = HTTPTransportConfiguration(requestTimeout: .milliseconds(200), retry: .none)
        // Without a budget for the body the call would succeed after about a second.
        await #expect {
            try await clob(server, configuration).midpoint("T")
        } throws: { error in
            guard case .timeout(let endpoint, _) = error as? VenueError else { return false }
            return endpoint == "GET /midpoint"
        }
        await server.stop()
    }
}

@Suite("Retry-After parsing")
struct RetryAfterParsingTests {
    @Test("absurd or hostile values are capped or refused, never trapped on", arguments: [
        ("3", Duration.seconds(3)), ("0.25", .milliseconds(250)), ("1e300", .seconds(86_400)),
        ("inf", .seconds(86_400)), ("99999999999999999999", .seconds(86_400)), ("9223372036854775807", .seconds(86_400)),
    ] as [(String, Duration)])
    func capped(value: String, expected: Duration) {
        #expect(HTTPTransport.parseRetryAfter(value) == expected)
    }

    @Test("values that are not delta-seconds are ignored", arguments: ["nan", "-1", "soon", "Wed, 21 Oct 2026 07:28:00 GMT", ""])
    func ignored(value: String) {
        #expect(HTTPTransport.parseRetryAfter(value) == nil)
    }
}
