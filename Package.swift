// swift-tools-version: 6.1
import PackageDescription

import class Foundation.ProcessInfo

// The folder tree is the architecture: Sources/Core is the domain, Sources/Venues/* are the venue
// adapters, Sources/Information, Sources/Analysis, Sources/Decision and Sources/Execution are the four
// layers, Sources/Store is the embedded database, Sources/Runtime wires them
// from configuration, and Sources/CLI is the `edgewise` command.
let package = Package(
    name: "Edgewise",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "edgewise", targets: ["edgewise"]),
        .library(name: "EdgewiseCore", targets: ["EdgewiseCore"]),
        .library(name: "EdgewiseStore", targets: ["EdgewiseStore"]),
        .library(name: "EdgewiseVenueKit", targets: ["EdgewiseVenueKit"]),
        .library(name: "EdgewiseEthereum", targets: ["EdgewiseEthereum"]),
        .library(name: "EdgewisePolymarket", targets: ["EdgewisePolymarket"]),
        .library(name: "EdgewiseKalshi", targets: ["EdgewiseKalshi"]),
        .library(name: "EdgewiseInformation", targets: ["EdgewiseInformation"]),
        .library(name: "EdgewiseRuntime", targets: ["EdgewiseRuntime"]),
        .library(name: "EdgewiseManifold", targets: ["EdgewiseManifold"]),
        .library(name: "EdgewiseAnalysis", targets: ["EdgewiseAnalysis"]),
        .library(name: "EdgewiseDecision", targets: ["EdgewiseDecision"]),
        .library(name: "EdgewiseExecution", targets: ["EdgewiseExecution"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(name: "EdgewiseCore", path: "Sources/Core"),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "EdgewiseStore",
            dependencies: ["EdgewiseCore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/Store"),
        .target(
            name: "EdgewiseVenueKit",
            dependencies: [
                "EdgewiseCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Venues/VenueKit"),
        // Ethereum signing comes from Debian's C libraries rather than a Swift reimplementation:
        // libsecp256k1 (Bitcoin Core's, constant-time, RFC 6979) and Botan's Keccak-256.
        .systemLibrary(
            name: "CSecp256k1", path: "Sources/CSecp256k1", pkgConfig: "libsecp256k1",
            providers: [.apt(["libsecp256k1-dev"])]),
        .systemLibrary(
            name: "CBotan", path: "Sources/CBotan", pkgConfig: "botan-2",
            providers: [.apt(["libbotan-2-dev"])]),
        .target(
            name: "EdgewiseEthereum",
            dependencies: [
                "EdgewiseCore", "EdgewiseVenueKit", "CSecp256k1", "CBotan",
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Ethereum"),
        .target(
            name: "EdgewisePolymarket",
            dependencies: [
                "EdgewiseCore", "EdgewiseVenueKit", "EdgewiseEthereum",
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Venues/Polymarket"),
        .target(
            name: "EdgewiseKalshi",
            dependencies: [
                "EdgewiseCore", "EdgewiseVenueKit",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Venues/Kalshi"),
        .target(
            name: "EdgewiseInformation",
            dependencies: ["EdgewiseCore", "CZlib", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Information"),
        .target(
            name: "EdgewiseManifold",
            dependencies: ["EdgewiseCore", "EdgewiseVenueKit", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Venues/Manifold"),
        // The analysis layer: the arbitrage radar (Dutch book, cross-venue, bundle, resolution).
        // Venue-neutral: it reads Core books and markets and venue fees through `FeeModel`.
        .target(
            name: "EdgewiseAnalysis",
            dependencies: ["EdgewiseCore", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Analysis"),
        // The decision layer: the strategy API, sizing and the independent risk engine.
        .target(
            name: "EdgewiseDecision",
            dependencies: ["EdgewiseCore", "EdgewiseAnalysis"],
            path: "Sources/Decision"),
        // The execution layer: the order manager, multi-leg execution, routing and tactics, and
        // the paper broker that fills against real books.
        .target(
            name: "EdgewiseExecution",
            dependencies: ["EdgewiseCore", "EdgewiseStore", "EdgewiseDecision", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Execution"),
        .target(
            name: "EdgewiseRuntime",
            dependencies: [
                "EdgewiseCore", "EdgewiseStore", "EdgewiseVenueKit", "EdgewiseEthereum", "EdgewisePolymarket",
                "EdgewiseKalshi", "EdgewiseManifold", "EdgewiseInformation", "EdgewiseAnalysis", "EdgewiseDecision",
                "EdgewiseExecution",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Runtime"),
        .executableTarget(
            name: "edgewise",
            dependencies: [
                "EdgewiseCore", "EdgewiseStore", "EdgewiseVenueKit", "EdgewiseEthereum", "EdgewisePolymarket",
                "EdgewiseKalshi", "EdgewiseManifold", "EdgewiseInformation", "EdgewiseRuntime", "EdgewiseAnalysis",
                "EdgewiseDecision", "EdgewiseExecution",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/CLI"),

        // Test support: shared-fixture lookup and loopback venue servers (real HTTP and WebSocket
        // servers on 127.0.0.1 that replay recorded payloads).
        .target(
            name: "EdgewiseTestSupport",
            dependencies: [
                "EdgewiseCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Support"),
        // A process the store tests kill with SIGKILL in the middle of writing.
        .executableTarget(
            name: "store-crash-writer",
            dependencies: ["EdgewiseCore", "EdgewiseStore"],
            path: "Tests/Tools/StoreCrashWriter"),
        // A process the recording tests kill with SIGKILL in the middle of recording.
        .executableTarget(
            name: "recording-crash-writer",
            dependencies: ["EdgewiseCore", "EdgewiseInformation"],
            path: "Tests/Tools/RecordingCrashWriter"),
        .testTarget(
            name: "EdgewiseCoreTests",
            dependencies: ["EdgewiseCore", "EdgewiseTestSupport"],
            path: "Tests/CoreTests"),
        .testTarget(
            name: "EdgewiseStoreTests",
            dependencies: ["EdgewiseCore", "EdgewiseStore", "EdgewiseTestSupport", "store-crash-writer"],
            path: "Tests/StoreTests"),
        .testTarget(
            name: "EdgewiseEthereumTests",
            dependencies: [
                "EdgewiseEthereum", "EdgewiseTestSupport",
                .product(name: "BigInt", package: "BigInt"),
            ],
            path: "Tests/EthereumTests"),
        .testTarget(
            name: "EdgewisePolymarketTests",
            dependencies: [
                "EdgewiseCore", "EdgewiseVenueKit", "EdgewiseEthereum", "EdgewisePolymarket", "EdgewiseTestSupport",
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ],
            path: "Tests/PolymarketTests"),
        .testTarget(
            name: "EdgewiseKalshiTests",
            dependencies: [
                "EdgewiseKalshi", "EdgewiseCore", "EdgewiseVenueKit", "EdgewiseTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ],
            path: "Tests/KalshiTests"),
        .testTarget(
            name: "EdgewiseInformationTests",
            dependencies: ["EdgewiseCore", "EdgewiseInformation", "EdgewiseTestSupport", "recording-crash-writer"],
            path: "Tests/InformationTests"),
        .testTarget(
            name: "EdgewiseManifoldTests",
            dependencies: [
                "EdgewiseManifold", "EdgewiseCore", "EdgewiseVenueKit", "EdgewiseTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ],
            path: "Tests/ManifoldTests"),
        .testTarget(
            name: "EdgewiseAnalysisTests",
            dependencies: ["EdgewiseAnalysis", "EdgewiseCore", "EdgewiseStore", "EdgewiseTestSupport"],
            path: "Tests/AnalysisTests"),
        .testTarget(
            name: "EdgewiseRuntimeTests",
            dependencies: [
                "EdgewiseRuntime", "EdgewiseCore", "EdgewiseAnalysis", "EdgewiseDecision", "EdgewiseExecution",
                "EdgewiseStore", "EdgewiseVenueKit", "EdgewiseEthereum", "EdgewisePolymarket", "EdgewiseKalshi",
                "EdgewiseManifold", "EdgewiseTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/RuntimeTests"),
        .testTarget(
            name: "EdgewiseDecisionTests",
            dependencies: [
                "EdgewiseDecision", "EdgewiseCore", "EdgewiseStore", "EdgewiseTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/DecisionTests"),
        .testTarget(
            name: "EdgewiseExecutionTests",
            dependencies: [
                "EdgewiseExecution", "EdgewiseDecision", "EdgewiseCore", "EdgewiseStore", "EdgewiseTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/ExecutionTests"),
        .testTarget(
            name: "EdgewiseCLITests",
            dependencies: [
                "edgewise", "EdgewiseCore", "EdgewiseStore", "EdgewiseInformation", "EdgewiseAnalysis",
                "EdgewiseDecision", "EdgewiseExecution", "EdgewiseTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ],
            path: "Tests/CLITests"),
    ]
)

// Benchmarks (package-benchmark) are opt-in so that users and CI do not build the harness:
//   EDGEWISE_BENCHMARKS=1 swift package --scratch-path .build-bench benchmark
if ProcessInfo.processInfo.environment["EDGEWISE_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]))
    package.targets.append(
        .executableTarget(
            name: "MarketDataBenchmarks",
            dependencies: [
                "EdgewiseCore", "EdgewisePolymarket", "EdgewiseKalshi",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MarketDataBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]))
    package.targets.append(
        .executableTarget(
            name: "TradingBenchmarks",
            dependencies: [
                "EdgewiseCore", "EdgewiseEthereum", "EdgewisePolymarket",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TradingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]))
    package.targets.append(
        .executableTarget(
            name: "DecisionBenchmarks",
            dependencies: ["EdgewiseCore", "EdgewiseDecision", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/DecisionBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]))
    package.targets.append(
        .executableTarget(
            name: "RadarBenchmarks",
            dependencies: ["EdgewiseCore", "EdgewiseAnalysis", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/RadarBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]))
}
