// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "clvsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "clvsim", targets: ["clvsim"]),
        .library(name: "CLVCore", targets: ["CLVCore"]),
        .library(name: "CLVRandom", targets: ["CLVRandom"]),
        .library(name: "CLVLinearAlgebra", targets: ["CLVLinearAlgebra"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Private system-library shim; only CLVLinearAlgebra imports it.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "CLVLinearAlgebra", dependencies: ["COpenBLAS"]),
        .target(name: "CLVRandom"),
        .target(name: "CLVCore", dependencies: ["CLVRandom", "CLVLinearAlgebra"]),
        .target(name: "CLVFit", dependencies: ["CLVCore", "CLVRandom", "CLVLinearAlgebra"]),
        .target(name: "CLVReport", dependencies: ["CLVCore", "CLVRandom"]),
        .executableTarget(
            name: "clvsim",
            dependencies: [
                "CLVCore", "CLVFit", "CLVReport", "CLVLinearAlgebra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Statistical test helpers (goodness-of-fit tests, tolerances) shared by the test targets.
        .target(name: "CLVTestSupport", dependencies: ["CLVRandom"]),

        .testTarget(name: "CLVLinearAlgebraTests", dependencies: ["CLVLinearAlgebra", "CLVTestSupport"]),
        .testTarget(name: "CLVRandomTests", dependencies: ["CLVRandom", "CLVTestSupport"]),
        .testTarget(name: "CLVCoreTests", dependencies: ["CLVCore", "CLVRandom", "CLVTestSupport"]),
        .testTarget(name: "CLVFitTests", dependencies: ["CLVFit", "CLVCore", "CLVRandom", "CLVTestSupport"]),
        .testTarget(name: "CLVReportTests", dependencies: ["CLVReport", "CLVCore", "CLVTestSupport"]),
        .testTarget(name: "clvsimTests", dependencies: ["clvsim", "CLVTestSupport"]),
    ]
)
