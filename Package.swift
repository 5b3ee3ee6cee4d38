// swift-tools-version: 6.1
import PackageDescription

/// Every Swift target is built in Swift 6 language mode with strict concurrency.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Gleaner",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Gleaner", targets: ["Gleaner"]),
        .executable(name: "gleaner", targets: ["gleaner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C libraries, each behind a prefixed module name.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Whole-buffer gzip decompression for .gz inputs (zlib stays for streams and fallbacks).
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CBrotli",
            pkgConfig: "libbrotlidec",
            providers: [.apt(["libbrotli-dev"])]
        ),
        .systemLibrary(
            name: "CLZ4",
            pkgConfig: "liblz4",
            providers: [.apt(["liblz4-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // libcurl's headers, and forwarders that load libcurl.so.4 on the first call (dlopen):
        // commands that never fetch do not pay for loading it. Debian: libcurl4-openssl-dev.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        // glibc's <malloc.h> (mallopt), for the command's allocator settings.
        .systemLibrary(name: "CMalloc"),

        // The record and error types every stage shares.
        .target(name: "GleanerModel", dependencies: ["CTextShim"]),
        // SHA-1 / SHA-256 through the system libcrypto (content hashes, WARC digests).
        .target(name: "GleanerDigest", dependencies: ["COpenSSL"]),
        // The only libxml2 user: documents, nodes, charset detection.
        .target(name: "GleanerHTML", dependencies: ["CLibXML2", "GleanerModel"]),
        // Text clean-up shared by extraction and later normalizers.
        // CLD2 language detection and ICU word segmentation behind an opaque C header
        // (no ICU type reaches Swift; see CTextShim.h). Debian: libcld2-dev, libicu-dev.
        .target(
            name: "CTextShim",
            linkerSettings: [.linkedLibrary("cld2"), .linkedLibrary("icuuc"), .linkedLibrary("stdc++")]
        ),
        .target(
            name: "GleanerNormalize",
            dependencies: ["GleanerModel", "CTextShim"],
            resources: [
                .embedInCode("Rules/dates.json"), .embedInCode("Rules/language.json"), .embedInCode("Rules/pages.json"),
            ]
        ),
        // Bytes (+ URL, headers) -> Article. Never imports a fetcher or a sink.
        .target(
            name: "GleanerExtract",
            dependencies: [
                "GleanerHTML", "GleanerModel", "GleanerNormalize",
            ],
            // Word lists, class/id tokens and thresholds (docs/rules.md), compiled into the binary.
            resources: [
                .embedInCode("Rules/extraction.json"),
                .embedInCode("Rules/metadata.json"),
                .embedInCode("Rules/comments.json"),
                .embedInCode("Rules/rich_blocks.json"),
            ]
        ),
        // Web archives: a streaming WARC reader (plain/gzip, resynchronising on bad input),
        // the page selector, and a crash-safe WARC/1.1 writer. No CLI, fetcher or extractor.
        .target(
            name: "GleanerWARC",
            dependencies: ["CZlib", "CBrotli", "CZstd", "CLZ4", "GleanerModel", "GleanerDigest"],
            resources: [.embedInCode("Rules/selection.json")]
        ),
        // Where inputs come from: the `Source` protocol, files/folders/.gz/stdin, URL lists,
        // web archives.
        .target(name: "GleanerInput", dependencies: ["GleanerModel", "CZlib", "CDeflate", "GleanerWARC"]),
        // Where records go: the `Sink` protocol, JSON lines, SQLite, rendered documents.
        .target(
            name: "GleanerSinks",
            dependencies: [
                "GleanerModel", "GleanerDigest", "GleanerRender",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // URLs -> response bytes: libcurl's multi interface on a dedicated thread, politeness,
        // robots.txt, retries. Knows nothing of extraction.
        .target(name: "GleanerFetch", dependencies: ["CCurl", "GleanerModel"]),
        // The one ordered parallel runner behind extract, scrape and run; progress; stop.
        .target(
            name: "GleanerRunner",
            dependencies: ["GleanerModel", "GleanerInput", "GleanerSinks", "GleanerExtract", "GleanerFetch", "GleanerWARC"]
        ),
        // Pipeline files (YAML), the queue, discovery, filters, the resumable run loop.
        .target(
            name: "GleanerPipeline",
            dependencies: [
                "GleanerModel", "GleanerExtract", "GleanerNormalize", "GleanerSinks", "GleanerInput",
                "GleanerRunner", "GleanerFetch", "GleanerHTML", "GleanerDigest", "GleanerRender", "GleanerWARC",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.embedInCode("Rules/SiteDiscovery.json")]
        ),
        // Record -> Markdown / text / HTML / XML documents: pure functions of an Article.
        .target(name: "GleanerRender", dependencies: ["GleanerModel"]),
        // The public library face: `import Gleaner`. Nothing above depends on it, so it can
        // re-export fetching, the runner and pipelines too.
        .target(name: "Gleaner", dependencies: ["GleanerModel", "GleanerHTML", "GleanerExtract", "GleanerNormalize", "GleanerSinks", "GleanerFetch", "GleanerPipeline", "GleanerRender"]),
        .executableTarget(
            name: "gleaner",
            dependencies: [
                "Gleaner", "GleanerInput", "GleanerRunner", "GleanerFetch", "GleanerPipeline", "GleanerWARC", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Speed benchmark: libxml2 parse-only vs full extraction, one thread.
        .executableTarget(name: "gleaner-bench", dependencies: ["Gleaner", "GleanerInput", "GleanerHTML"]),
        // WARC reader alone (no extraction), for comparison with FastWARC.
        .executableTarget(name: "gleaner-warc-bench", dependencies: ["GleanerWARC"]),
        // Shared by the test targets: the built `gleaner` binary, loopback servers, temporary folders.
        .target(name: "GleanerTestSupport", path: "Tests/GleanerTestSupport"),
        .testTarget(name: "GleanerFetchTests", dependencies: ["GleanerFetch", "GleanerInput", "Gleaner", "GleanerTestSupport"]),
        .testTarget(
            name: "GleanerPipelineTests",
            dependencies: [
                "GleanerPipeline", "Gleaner", "GleanerHTML", "GleanerNormalize", "GleanerTestSupport", "GleanerWARC",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "GleanerRenderTests", dependencies: ["GleanerRender", "Gleaner", "GleanerTestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "GleanerWARCTests", dependencies: ["GleanerWARC", "GleanerDigest", "GleanerTestSupport", "CZstd", "CLZ4"]),
        .testTarget(
            name: "GleanerTests",
            dependencies: [
                "Gleaner", "GleanerInput", "GleanerRunner", "GleanerSinks", "GleanerHTML", "GleanerExtract",
                "GleanerNormalize", "GleanerTestSupport",
            ]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
