// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Jixiao",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "jixiao", targets: ["jixiao"]),
        .library(name: "JixiaoKit", targets: ["JixiaoKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // The preview server (`jixiao serve`): SwiftNIO's HTTP/1.1 server. Not FlyingFox, which
        // links FoundationNetworking (libcurl and some thirty more shared libraries): every command
        // paid 12 ms to load them. Not Hummingbird: it brings some twenty more packages, and one
        // of them prints warnings on every build, for a server that only answers GET on localhost.
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        // File-path pieces (`FilePath`): already built for SwiftNIO, and a fraction of the cost of
        // Foundation's NSString path methods.
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
    ],
    targets: [
        // libcmark, the CommonMark reference implementation in C (Debian: libcmark-dev).
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // renameat2(RENAME_EXCHANGE): swap the new site in with one atomic step.
        .target(name: "CJixiaoSystem"),
        // Everything the program does: reading, forms, ledger, checks, pages, rendering, publishing.
        .target(
            name: "JixiaoKit",
            dependencies: [
                "CCmark",
                "CJixiaoSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Thin command line: parses arguments and calls JixiaoKit.
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "JixiaoKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // gperftools' TCMalloc in place of glibc's malloc (Debian: libgoogle-perftools-dev):
            // a build makes and frees millions of small strings and arrays on two threads, and
            // its thread caches take about a tenth off a 10,000-form build's CPU (BENCHMARKS.md).
            linkerSettings: [.linkedLibrary("tcmalloc_minimal", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "JixiaoKitTests",
            dependencies: ["JixiaoKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
