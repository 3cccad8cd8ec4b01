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
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
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
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        // Thin command line: parses arguments and calls JixiaoKit.
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "JixiaoKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "JixiaoKitTests",
            dependencies: ["JixiaoKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
