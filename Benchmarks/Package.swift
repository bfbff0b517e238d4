// swift-tools-version: 6.1
// Micro-benchmarks for clvsim, kept in a nested package so the main build never compiles the
// benchmark dependencies. Run from this directory:
//   swift package --allow-writing-to-package-directory benchmark
import PackageDescription

let package = Package(
    name: "clvsim-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "clvsim", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Samplers",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "CLVRandom", package: "clvsim"),
            ],
            path: "Benchmarks/Samplers",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "Kernel",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "CLVCore", package: "clvsim"),
                .product(name: "CLVRandom", package: "clvsim"),
                .product(name: "CLVLinearAlgebra", package: "clvsim"),
            ],
            path: "Benchmarks/Kernel",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
