import ArgumentParser
import Foundation
import GleanerInput

/// Reads the file behind a one-entry-per-line option (`--paths-from`, `--urls`): `-` is
/// standard input; blank lines and `#` comments are skipped.
enum LineListOption {
    static func read(_ path: String, option: String) throws -> [String] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ValidationError("Cannot read \(option) file \(path).")
            }
            data = contents
        }
        return InputCollector.paths(fromList: String(decoding: data, as: UTF8.self))
    }
}
