/// The domain core of Edgewise: identifiers, exact money, the event → market → outcome catalog,
/// the L2 order book, orders and fills, positions and the portfolio, and the decision record.
///
/// Everything here is venue-neutral and free of I/O, so the same types flow unchanged through
/// live trading, paper trading and backtests. Money never touches `Double`: prices, sizes and
/// amounts are fixed-point integers with six decimal places, parsed straight from the venues'
/// decimal strings.
public enum EdgewiseCore {
    /// The version printed by `edgewise --version` and stamped into recordings.
    public static let version = "0.1.0"
}
