// swift-tools-version: 6.1
//
// swift-msn: the MSN Messenger protocol (MSNP2–MSNP18) in Swift, as a client
// library, a complete server, and the `msn` command line.

import PackageDescription

/// Settings every target of ours shares (see ../shared/design/swift-anchors.md §1.1).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "swift-msn",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MSNCore", targets: ["MSNCore"]),
        .library(name: "MSNAuth", targets: ["MSNAuth"]),
        .library(name: "MSNClient", targets: ["MSNClient"]),
        .library(name: "MSNServer", targets: ["MSNServer"]),
        .executable(name: "msn", targets: ["msn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        // The wire: frames, dialects, per-verb grammar, payload types. No I/O, no Foundation.
        .target(
            name: "MSNCore",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        // The authentication math: MD5 login, Tweener, SSO (MBI) blobs, CHL/QRY, password hashing.
        .target(
            name: "MSNAuth",
            dependencies: [
                "MSNCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The async client library.
        .target(
            name: "MSNClient",
            dependencies: [
                "MSNCore", "MSNAuth",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        // A complete MSN network in one process.
        .target(
            name: "MSNServer",
            dependencies: [
                "MSNCore", "MSNAuth",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test harness (a server on port 0, transcript readers). Not a product.
        .target(
            name: "MSNTestSupport",
            dependencies: [
                "MSNCore", "MSNServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line.
        .executableTarget(
            name: "msn",
            dependencies: [
                "MSNCore", "MSNAuth", "MSNClient", "MSNServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        // libFuzzer entry point over the frame decoder (scripts/fuzz.sh builds it).
        .executableTarget(
            name: "MSNFuzzer",
            dependencies: ["MSNCore"],
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "MSNCoreTests", dependencies: ["MSNCore", "MSNTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "MSNAuthTests", dependencies: ["MSNAuth"], swiftSettings: swiftSettings),
        .testTarget(name: "MSNClientTests", dependencies: ["MSNClient", "MSNCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MSNServerTests",
            dependencies: [
                "MSNServer", "MSNCore", "MSNAuth", "MSNTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["MSNClient", "MSNServer", "MSNCore", "MSNAuth", "MSNTestSupport", "msn"],
            swiftSettings: swiftSettings
        ),
    ]
)
