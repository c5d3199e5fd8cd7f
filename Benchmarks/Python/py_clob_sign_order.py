"""Build + sign one Polymarket V2 limit order with the official Python client (py-clob-client-v2).

Used only by Benchmarks/compare-order-signing.sh, in a throwaway virtualenv, to put the reference
figure next to Edgewise's on the same machine in the same run. The product never runs Python.
The work measured matches the Swift benchmark: price/size -> amounts, EIP-712 hash, secp256k1
signature, and the compact JSON body of POST /order.
"""
import json
import statistics
import sys
import time

from py_clob_client_v2.clob_types import CreateOrderOptions, OrderArgsV2
from py_clob_client_v2.order_builder.builder import OrderBuilder
from py_clob_client_v2.order_utils.model.order_data_v2 import order_to_json_v2
from py_clob_client_v2.signer import Signer

KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"  # public Hardhat test key #0
TOKEN = "71321045679252212594626385532706912750332728571942532289631379312455583992563"


def main() -> None:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    builder = OrderBuilder(Signer(KEY, 137))
    args = OrderArgsV2(token_id=TOKEN, price=0.56, size=21.04, side="BUY")
    options = CreateOrderOptions(tick_size="0.01", neg_risk=False)

    def one() -> str:
        signed = builder.build_order(args, options)
        return json.dumps(order_to_json_v2(signed, "owner-api-key", "GTC"), separators=(",", ":"))

    for _ in range(100):
        one()
    samples = []
    for _ in range(iterations):
        start = time.perf_counter_ns()
        one()
        samples.append(time.perf_counter_ns() - start)
    samples.sort()
    result = {
        "implementation": "py-clob-client-v2",
        "iterations": iterations,
        "p50_ns": samples[len(samples) // 2],
        "p99_ns": samples[int(len(samples) * 0.99)],
        "mean_ns": int(statistics.fmean(samples)),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
