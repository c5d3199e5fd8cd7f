import EdgewiseCore
import EdgewiseManifold

/// What a user may type to name a Manifold market: a contract id, a slug, or one of our tokens
/// (`<contract>/YES`, `<contract>/<answer>/NO`), which also name the answer and side.
struct ManifoldReference {
    var contract: String
    var answer: String?
    var outcome: ManifoldBinaryOutcome?

    init(_ text: String, answer: String? = nil, outcome: OutcomeOption? = nil) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty, parts.allSatisfy({ !$0.isEmpty }), parts.count <= 3 else {
            throw CLIFailure(exitCode2: "'\(text)' is not a Manifold contract id, slug or token (<id>/YES, <id>/<answer>/NO)")
        }
        contract = first
        var named: ManifoldBinaryOutcome?
        if parts.count > 1 {
            guard let side = ManifoldBinaryOutcome(rawValue: parts[parts.count - 1].uppercased()) else {
                throw CLIFailure(exitCode2: "'\(text)': a Manifold token ends in /YES or /NO")
            }
            named = side
        }
        let namedAnswer = parts.count == 3 ? parts[1] : nil
        if let answer, let namedAnswer, answer != namedAnswer {
            throw CLIFailure(exitCode2: "--answer \(answer) contradicts the answer in '\(text)'")
        }
        self.answer = answer ?? namedAnswer
        let chosen = outcome.map { $0 == .yes ? ManifoldBinaryOutcome.yes : .no }
        if let chosen, let named, chosen != named {
            throw CLIFailure(exitCode2: "--outcome \(outcome!.rawValue) contradicts the side in '\(text)'")
        }
        self.outcome = chosen ?? named
    }

    /// The full market: by id first, then by slug (slugs are what the site's URLs show).
    func fetch(_ client: ManifoldClient) async throws -> ManifoldMarket {
        let byID: Result<ManifoldMarket, ManifoldError> = await Self.attempt { () async throws(ManifoldError) -> ManifoldMarket in try await client.market(id: contract) }
        if case .success(let market) = byID { return market }
        if case .failure(let error) = byID, !Self.isNotFound(error) { throw error }
        let bySlug: Result<ManifoldMarket, ManifoldError> = await Self.attempt { () async throws(ManifoldError) -> ManifoldMarket in try await client.market(slug: contract) }
        switch bySlug {
        case .success(let market): return market
        case .failure(let error) where Self.isNotFound(error):
            throw CLIFailure("no Manifold market with id or slug '\(contract)'",
                             hint: "find it with `edgewise markets --venue manifold --search <words>`")
        case .failure(let error): throw error
        }
    }

    static func attempt(_ body: () async throws(ManifoldError) -> ManifoldMarket) async -> Result<ManifoldMarket, ManifoldError> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    static func isNotFound(_ error: ManifoldError) -> Bool {
        if case .rejected(_, let status, _) = error { return status == 404 }
        return false
    }

    /// The domain market this reference trades: the binary market, or the named answer's.
    func market(in full: ManifoldMarket) throws -> Market {
        let markets: [Market]
        do { markets = try full.toMarkets() } catch { throw CLIFailure(error.description, hint: "only binary and multiple-choice markets trade here") }
        if full.outcomeType == .multipleChoice {
            guard let answer else {
                let names = (full.answers ?? []).prefix(8).map { "\($0.id) (\($0.text ?? "?"))" }.joined(separator: ", ")
                throw CLIFailure(exitCode2: "this is a multiple-choice market: name the answer with --answer (\(names))")
            }
            let id = ManifoldMarket.marketID(market: full.id, answer: answer)
            guard let found = markets.first(where: { $0.id == id }) else {
                throw CLIFailure(exitCode2: "market \(full.id) has no answer '\(answer)'")
            }
            return found
        }
        if answer != nil { throw CLIFailure(exitCode2: "--answer is only for multiple-choice markets") }
        guard let only = markets.first else { throw CLIFailure("market \(full.id) has no tradable outcomes") }
        return only
    }
}
