// swift-tools-version: 6.1
import PackageDescription

// Layout and dependency direction follow DESIGN §1:
// albumen → Site, FastCGI; Site → AlbumCore, HTTP; AlbumCore → Media, Argon2 → C*; FastCGI → HTTP, CFastCGI.
let package = Package(
    name: "albumen",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // System libraries: a module map and a shim header each, nothing else.
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CMagic", providers: [.apt(["libmagic-dev"])]),
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "Media", dependencies: ["CMagic", "CVips", "CZlib"]),
        // argon2id's Swift face: AlbumCore imports no C module (DESIGN §1).
        .target(name: "Argon2", dependencies: ["CSodium"]),
        .target(
            name: "AlbumCore",
            dependencies: [
                "Media", "Argon2",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "HTTP"),
        .target(name: "FastCGI", dependencies: ["HTTP", "CFastCGI", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "Site",
            dependencies: [
                "AlbumCore", "HTTP",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "albumen",
            dependencies: [
                "Site", "FastCGI", "AlbumCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Generated media and tool paths for every suite; the site in process only for the site's
        // tests, so the domain's tests never link it.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .target(name: "SiteTestSupport", dependencies: ["TestSupport", "HTTP", "Site"], path: "Tests/SiteTestSupport"),
        .testTarget(name: "MediaTests", dependencies: ["Media", "TestSupport"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP"]),
        .testTarget(name: "AlbumCoreTests", dependencies: ["AlbumCore", "TestSupport"]),
        .testTarget(name: "FastCGITests", dependencies: ["FastCGI", "HTTP"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "SiteTestSupport"], exclude: ["routes.txt", "Transcripts"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (Fuzz/README.md): built only by `deploy/fuzz.sh`, which sets ALBUMEN_FUZZ and
// the sanitizer flags; an ordinary build never sees them (the binary has libFuzzer's `main`).
if Context.environment["ALBUMEN_FUZZ"] != nil {
    package.targets += [
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .executableTarget(
            name: "albumen-fuzz", dependencies: ["CLibFuzzer", "HTTP", "Media", "Site", "AlbumCore"],
            path: "Fuzz/Targets"),
    ]
}
