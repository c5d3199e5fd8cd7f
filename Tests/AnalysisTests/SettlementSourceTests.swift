import EdgewiseAnalysis
import EdgewiseCore
import Testing

@Suite struct SettlementSourceTests {
    private func market(settlementSource: String?, rules: String = "") -> Market {
        Market(
            venue: .polymarket, id: "m", question: "Will Bitcoin reach $150,000 by June 30, 2026?", rules: rules,
            settlementSource: settlementSource, outcomes: [], status: .open)
    }

    @Test func domainsMatchTheHostOrASubdomainNeverALookAlike() {
        let source = SettlementSource(market: market(settlementSource: "https://www.binance.com/en/trade/BTC_USDT"))
        #expect(source.domains == ["binance.com"])
        #expect(source.accepts(.publisher(name: "Binance", url: "https://api.binance.com/api/v3/klines")))
        #expect(source.accepts(.publisher(name: "x", url: "binance.com")))
        #expect(!source.accepts(.publisher(name: "Binance", url: "https://notbinance.com/")))
        #expect(!source.accepts(.publisher(name: "Binance", url: "https://binance.com.evil.io/")))
        #expect(!source.accepts(.publisher(name: "Binance", url: nil)))
        #expect(!source.accepts(.venue(.polymarket)))
    }

    @Test func namedSourceMatchesByNormalisedName() {
        let source = SettlementSource(market: market(settlementSource: "Associated Press"))
        #expect(source.accepts(.publisher(name: "associated press", url: nil)))
        #expect(!source.accepts(.publisher(name: "Reuters", url: nil)))
    }

    @Test func rulesCountOnlyWhenTheyNameExactlyOneDomain() {
        let one = SettlementSource(market: market(
            settlementSource: nil, rules: "Resolves per the BLS release at https://www.bls.gov/cpi/ for May."))
        #expect(one.accepts(.publisher(name: "BLS", url: "https://data.bls.gov/timeseries/CUUR0000SA0")))
        // A fallback source in the rules must not settle a market whose primary source works.
        let fallback = SettlementSource(market: market(
            settlementSource: nil,
            rules: "Resolves on Binance (binance.com). If Binance is unavailable, Coinbase (coinbase.com) is used."))
        #expect(fallback.isUnknown)
        #expect(!fallback.accepts(.publisher(name: "Coinbase", url: "https://coinbase.com")))
    }
}
