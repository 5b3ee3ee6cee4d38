import Foundation
import GleanerHTML
enum BodyDebug {
    static let on = ProcessInfo.processInfo.environment["GLEANER_DEBUG_BODY"] != nil
    static func log(_ s: @autoclosure () -> String) { if on { FileHandle.standardError.write((s() + "\n").data(using: .utf8)!) } }
    static func describe(_ tree: DOMTree, _ i: Int) -> String { "#\(i)<\(tree[i].name) \(tree[i].idAndClass)>" }
}
