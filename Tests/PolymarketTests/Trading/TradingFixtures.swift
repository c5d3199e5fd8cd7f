import EdgewiseCore
import EdgewisePolymarket
import Foundation

/// Test credentials (the secret is the one of the generated HMAC vectors).
enum TradingFixtures {
    static let credentials = PolymarketAPICredentials(
        apiKey: "f4f247b7-4ac7-ff29-a152-04fda0a8755a", secret: "dGhpcy1pcy1hLXRlc3Qtc2VjcmV0LTMyLWJ5dGVzISE=",
        passphrase: "test-passphrase-0123456789")
    static let address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
    static let token = TokenID("71321045679252212594626385532706912750332728571942532289631379312455583992563")
    static let market = MarketID("0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af")
    /// Fixed request time (the one the generated vectors use).
    static let clock: @Sendable () -> Timestamp = { Timestamp(seconds: 1_780_449_126) }

    /// A signed-order stand-in: the verifier only needs valid JSON naming the token.
    static func submission(
        _ type: PolymarketOrderType = .gtc, hash: String = hash(1), postOnly: Bool = false, deferExec: Bool = false
    ) -> PolymarketOrderSubmission {
        PolymarketOrderSubmission(
            orderHash: hash, tokenID: token,
            orderJSON: #"{"salt":123456789,"maker":"\#(address)","signer":"\#(address)","tokenId":"\#(token.rawValue)","makerAmount":"50000000","takerAmount":"100000000","side":"BUY","expiration":"0","signatureType":0,"timestamp":"1780449126930","metadata":"0x0000000000000000000000000000000000000000000000000000000000000000","builder":"0x0000000000000000000000000000000000000000000000000000000000000000","signature":"0x\#(String(repeating: "ab", count: 65))"}"#,
            orderType: type, postOnly: postOnly, deferExec: deferExec)
    }

    /// A distinct 0x-prefixed 32-byte hash for order number `n`.
    static func hash(_ n: Int) -> String { "0x" + String(String(n, radix: 16).reversed()).padding(toLength: 64, withPad: "0", startingAt: 0) }

    static func placement(_ hash: String, status: String = "live", making: String = "", taking: String = "") -> String {
        #"{"success":true,"errorMsg":"","orderID":"\#(hash)","transactionsHashes":[],"tradeIDs":[],"status":"\#(status)","takingAmount":"\#(taking)","makingAmount":"\#(making)"}"#
    }

    static func openOrder(_ id: String, status: String = "LIVE", size: String = "10", matched: String = "0", price: String = "0.57") -> String {
        #"{"id":"\#(id)","status":"\#(status)","owner":"\#(credentials.apiKey)","maker_address":"\#(address)","market":"\#(market.rawValue)","asset_id":"\#(token.rawValue)","side":"BUY","original_size":"\#(size)","size_matched":"\#(matched)","price":"\#(price)","associate_trades":[],"outcome":"Yes","created_at":1672290687,"expiration":"0","order_type":"GTC"}"#
    }

    static func trade(_ id: String, taker: String, makers: [String] = [], size: String = "5", price: String = "0.57") -> String {
        let makerOrders = makers.map {
            #"{"order_id":"\#($0)","owner":"other","maker_address":"0x0000000000000000000000000000000000000001","matched_amount":"\#(size)","price":"\#(price)","fee_rate_bps":"0","asset_id":"\#(token.rawValue)","outcome":"Yes","side":"SELL"}"#
        }
        return #"{"id":"\#(id)","taker_order_id":"\#(taker)","market":"\#(market.rawValue)","asset_id":"\#(token.rawValue)","side":"BUY","size":"\#(size)","fee_rate_bps":"0","price":"\#(price)","status":"MATCHED","match_time":"1672290701","last_update":"1672290701","outcome":"Yes","bucket_index":0,"owner":"\#(credentials.apiKey)","maker_address":"\#(address)","maker_orders":[\#(makerOrders.joined(separator: ","))],"transaction_hash":"0x1234","trader_side":"TAKER"}"#
    }

    static func page(_ items: [String], next: String = "LTE=") -> String {
        #"{"limit":100,"count":\#(items.count),"next_cursor":"\#(next)","data":[\#(items.joined(separator: ","))]}"#
    }
}
