/// The candle lengths Kalshi offers (`period_interval`, minutes).
public enum KalshiCandlestickInterval: Int, Sendable, Hashable, CaseIterable {
    case minute = 1
    case hour = 60
    case day = 1440
}
