/// One input of a batch: a file on disk or standard input, as the user named it.
public enum InputSource: Sendable, Equatable {
    case file(path: String)
    case standardInput
    /// An input that could not even be listed (an unreadable directory entry); it still
    /// yields exactly one error record.
    case unreadable(path: String, message: String)

    /// The `source` written into the record.
    public var name: String {
        switch self {
        case .file(let path): path
        case .standardInput: "-"
        case .unreadable(let path, _): path
        }
    }
}
