import EdgewiseAnalysis
import EdgewiseCore
import Foundation

/// One running radar: the universe read from the venues, the markets watched for resolution and
/// the observations file they are judged by. `edgewise scan` drives it; so can anything else that
/// wants the radar kept current (the agent, the server).
public struct RadarSession: Sendable {
    public let scanner: RadarScanner
    public internal(set) var radar: Radar
    var watchlist = ResolutionWatchlist(markets: [])
    var observations: ObservationFile?

    /// - Parameter observations: a JSON Lines file of readings and results (``ObservationLine``),
    ///   followed as it grows; nil: no resolution watching.
    public init(scanner: RadarScanner, observations: URL? = nil) {
        self.scanner = scanner
        self.radar = Radar(configuration: scanner.options.configuration)
        self.observations = observations.map { ObservationFile(url: $0) }
    }

    /// Reads the catalogs and books and evaluates everything with confirmed fees; then the
    /// observations so far. Throws only when the observations file cannot be read at all: a
    /// wrong path is a mistake to stop on, a venue that fails is a warning.
    public mutating func start(now: @Sendable () -> Timestamp = Timestamp.now) async throws(ObservationFileError) -> RadarScanner.Pass {
        var pass = await scanner.load(into: &radar, now: now)
        if observations != nil {
            watchlist = ResolutionWatchlist(markets: pass.markets)
            pass.merge(await observe(try readObservations(now: now()), now: now))
        }
        return pass
    }

    /// Re-reads the books of `venues` (all the scanner's venues when nil) over REST and the lines
    /// added to the observations file since the last read.
    public mutating func poll(venues: [VenueID]? = nil, now: @Sendable () -> Timestamp = Timestamp.now) async -> RadarScanner.Pass {
        var pass = await scanner.refresh(&radar, venues: venues, now: now)
        pass.merge(await observeNewLines(now: now))
        return pass
    }

    mutating func observeNewLines(now: @Sendable () -> Timestamp) async -> RadarScanner.Pass {
        guard observations != nil else { return RadarScanner.Pass() }
        var pass = RadarScanner.Pass()
        do {
            pass.merge(await observe(try readObservations(now: now()), now: now))
        } catch {
            // It was readable at the start: a file being replaced, or a transient error.
            pass.warnings.append("\(error); trying again on the next pass")
        }
        return pass
    }

    /// Hands a batch's observations to the radar; its skipped lines become warnings.
    private mutating func observe(_ batch: ObservationFile.Batch, now: @Sendable () -> Timestamp) async -> RadarScanner.Pass {
        var pass = RadarScanner.Pass()
        pass.warnings = batch.problems.map { "skipped \($0)" }
        pass.merge(await scanner.observe(batch.observations, watchlist: &watchlist, radar: &radar, now: now))
        return pass
    }

    private mutating func readObservations(now: Timestamp) throws(ObservationFileError) -> ObservationFile.Batch {
        guard var file = observations else { return ObservationFile.Batch() }
        defer { observations = file }
        return try file.readNew(now: now)
    }
}
