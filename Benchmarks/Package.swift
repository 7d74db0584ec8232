// swift-tools-version: 6.1
//
// Benchmarks for swift-msn, kept out of the main package so that `swift test` (and CI) never
// builds them. Run from this folder:
//
//   swift package benchmark                                   # all benchmarks
//   swift package benchmark thresholds check --path Thresholds/   # malloc counts vs committed ones
//
// See ../docs/benchmarks.md.

import PackageDescription

let package = Package(
    name: "swift-msn-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The parent package; named explicitly because a path dependency's identity is its folder
        // name, which depends on where the repository was cloned.
        .package(name: "swift-msn", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MSNCoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MSNCore", package: "swift-msn"),
            ],
            path: "Benchmarks/MSNCoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
