/// The analysis layer: turns books, catalogs and observations into priced, guaranteed-payoff
/// opportunities (the arbitrage radar) — Dutch books within events, cross-venue pairs whose
/// settlement was judged equivalent, bundles over logically related markets, and resolution
/// arbitrage backed by evidence.
///
/// Everything is venue-neutral and free of I/O: detectors read Core ``OrderBook``s and
/// ``Market``s, venue fees come in through ``FeeModel``, and every figure is exact fixed-point
/// money. The Runtime feeds the radar from live streams or recordings; the CLI, strategies and the
/// server subscribe to its output.
public enum EdgewiseAnalysis {}
