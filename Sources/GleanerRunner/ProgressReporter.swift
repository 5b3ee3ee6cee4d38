import Foundation

/// Progress on stderr: a redrawn bar with rate and ETA when stderr is a terminal, a plain
/// line every few seconds otherwise (logs, CI), nothing when disabled.
final class ProgressReporter {
    enum Style { case bar, lines, none }

    let style: Style
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var lastDone = 0

    init(mode: Bool?) {
        switch mode {
        case false?: style = .none
        case true?: style = isatty(STDERR_FILENO) != 0 ? .bar : .lines
        case nil: style = isatty(STDERR_FILENO) != 0 ? .bar : .lines
        }
    }

    var interval: Double { style == .bar ? 0.2 : 5 }

    func tick(_ counts: () -> (total: Int, done: Int)?) {
        guard style != .none, Date().timeIntervalSince(lastDraw) >= interval, let (total, done) = counts() else { return }
        lastDraw = Date()
        draw(total: total, done: done, final: false)
    }

    func finish(_ counts: () -> (total: Int, done: Int)?) {
        guard style != .none, let (total, done) = counts() else { return }
        draw(total: total, done: done, final: true)
    }

    private func draw(total: Int, done: Int, final: Bool) {
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(done - 0) / elapsed
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let eta = String(format: "%d:%02d", Int(remaining) / 60, Int(remaining) % 60)
        let rateText = String(format: "%.1f/s", rate)
        var line: String
        switch style {
        case .bar:
            let width = 30
            let filled = total > 0 ? width * done / total : 0
            line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total) \(rateText) ETA \(eta)\u{1B}[K"
            if final { line += "\n" }
        case .lines:
            line = "gleaner: progress \(done)/\(total) done, \(rateText), ETA \(eta)\n"
        case .none:
            return
        }
        lastDone = done
        FileHandle.standardError.write(Data(line.utf8))
    }
}
