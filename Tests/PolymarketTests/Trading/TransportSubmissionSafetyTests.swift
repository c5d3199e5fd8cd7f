import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("HTTP transport: refusals and delivery uncertainty", .timeLimit(.minutes(1)))
struct TransportSubmissionSafetyTests {
    @Test func clientErrorsCanBeReturnedWholeButRateLimitsStillThrow() async throws {
        let long = #"{"error":"\#(String(repeating: "detail ", count: 80))the end"}"#
        let server = try await LoopbackServer.start(routes: [
            .post("/refused", .json(long, status: 400)),
            .post("/limited", .status(429, headers: [("Retry-After", "120")])),
        ])
        let transport = HTTPTransport(baseURL: server.baseURL, configuration: fastTransport)
        let response = try await transport.send(VenueRequest(.post, "/refused", body: Data("{}".utf8)), returningClientErrors: true)
        #expect(response.status == 400 && String(decoding: response.body, as: UTF8.self) == long)
        await #expect {
            try await transport.send(VenueRequest(.post, "/refused", body: Data("{}".utf8)))
        } throws: { error in
            guard case .client(_, 400, let body) = error as? VenueError else { return false }
            return body.hasSuffix("…")
        }
        await #expect {
            try await transport.send(VenueRequest(.post, "/limited"), returningClientErrors: true)
        } throws: { error in
            guard case .rateLimited = error as? VenueError else { return false }
            return true
        }
        await server.stop()
    }

    @Test("only failures that prove nothing arrived say the request was not processed", arguments: [
        (VenueError.timeout(endpoint: "e", after: .seconds(1)), true),
        (.server(endpoint: "e", status: 502, body: ""), true),
        (.decoding(endpoint: "e", field: "f", detail: "d"), true),
        (.cancelled(endpoint: "e"), true),
        (.unreachable(endpoint: "e", host: "h", detail: "connection closed by the server", hint: ""), true),
        (.unreachable(endpoint: "e", host: "h", detail: "something unforeseen", hint: ""), true),
        (.unreachable(endpoint: "e", host: "h", detail: "connection refused", hint: ""), false),
        (.unreachable(endpoint: "e", host: "h", detail: "connect timed out", hint: ""), false),
        (.rateLimited(endpoint: "e", retryAfter: nil), false),
        (.client(endpoint: "e", status: 400, body: ""), false),
        (.invalidRequest(endpoint: "e", detail: ""), false),
    ] as [(VenueError, Bool)])
    func mayHaveBeenProcessed(error: VenueError, expected: Bool) {
        #expect(error.mayHaveBeenProcessed == expected)
    }

    @Test func aRefusedConnectIsClassifiedAsNeverSent() async throws {
        let port = try await LoopbackServer.closedPort()
        let transport = HTTPTransport(baseURL: URL(string: "http://127.0.0.1:\(port)")!, configuration: fastTransport)
        do {
            _ = try await transport.send(VenueRequest(.post, "/order", body: Data("{}".utf8)))
            Issue.record("expected an error")
        } catch {
            #expect(!error.mayHaveBeenProcessed, "\(error)")
        }
    }
}
