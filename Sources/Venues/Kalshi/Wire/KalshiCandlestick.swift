import EdgewiseCore

/// One candle of `GET /series/{series}/markets/{ticker}/candlesticks`. The OHLC groups may be
/// null for periods without quotes or trades.
public struct KalshiCandlestick: Decodable, Sendable, Hashable {
    /// Open, low, high and close of one price series over the period.
    public struct OHLC: Decodable, Sendable, Hashable {
        public var open: Price?
        public var low: Price?
        public var high: Price?
        public var close: Price?
        /// Trade prices only: the volume-weighted mean and the close of the previous period.
        public var mean: Price?
        public var previous: Price?

        enum CodingKeys: String, CodingKey {
            case openDollars = "open_dollars", open
            case lowDollars = "low_dollars", low
            case highDollars = "high_dollars", high
            case closeDollars = "close_dollars", close
            case meanDollars = "mean_dollars", mean
            case previousDollars = "previous_dollars", previous
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            open = try c.kalshiPrice(.openDollars, legacyCents: .open)
            low = try c.kalshiPrice(.lowDollars, legacyCents: .low)
            high = try c.kalshiPrice(.highDollars, legacyCents: .high)
            close = try c.kalshiPrice(.closeDollars, legacyCents: .close)
            mean = try c.kalshiPrice(.meanDollars, legacyCents: .mean)
            previous = try c.kalshiPrice(.previousDollars, legacyCents: .previous)
        }
    }

    public var endPeriod: Timestamp
    public var yesBid: OHLC?
    public var yesAsk: OHLC?
    public var price: OHLC?
    public var volume: Size?
    public var openInterest: Size?

    enum CodingKeys: String, CodingKey {
        case endPeriodTS = "end_period_ts"
        case yesBid = "yes_bid"
        case yesAsk = "yes_ask"
        case price
        case volumeFP = "volume_fp", volume
        case openInterestFP = "open_interest_fp", openInterest = "open_interest"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        endPeriod = Timestamp(seconds: try c.decode(Int64.self, forKey: .endPeriodTS))
        yesBid = try c.decodeIfPresent(OHLC.self, forKey: .yesBid)
        yesAsk = try c.decodeIfPresent(OHLC.self, forKey: .yesAsk)
        price = try c.decodeIfPresent(OHLC.self, forKey: .price)
        volume = try c.kalshiCount(.volumeFP, legacy: .volume)
        openInterest = try c.kalshiCount(.openInterestFP, legacy: .openInterest)
    }
}
