// swift-tools-version: 6.1
// An application that uses Gleaner as a library, through a local path dependency on this
// repository. CI builds it (.ci/run) so the library face keeps compiling for outside users.
import Foundation
import PackageDescription

/// The repository root, two folders up; a local package's identity is its folder's name,
/// which depends on where the repository was cloned.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "HeadlineLister",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: repository.path),
    ],
    targets: [
        .executableTarget(
            name: "HeadlineLister",
            dependencies: [.product(name: "Gleaner", package: repository.lastPathComponent)]
        ),
    ]
)
