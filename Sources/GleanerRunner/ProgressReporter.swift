import Foundation

/// Progress on stderr: one redrawn line (done/total, rate, errors, ETA) when stderr is a
/// terminal, a plain line every few seconds otherwise (logs, CI), or nothing.
///
/// The line is cut to the terminal's width (TIOCGWINSZ, read at every redraw so a resize is
/// followed): a wrapped line cannot be redrawn with `\r` and would stack up. Redraws are
/// limited to five a second, so a fast batch does not spend its time on the terminal.
public final class ProgressReporter {
    /// What is drawn: a redrawn bar (terminals), periodic lines (logs), or nothing.
    public enum Style: Sendable { case bar, lines, none }

    /// When to show progress.
    public enum Mode: Sendable {
        /// A bar on a terminal, periodic lines otherwise (`gleaner run`).
        case automatic
        /// A bar on a terminal, nothing otherwise (`extract`, `scrape`: stderr stays clean).
        case terminalOnly
        case off
    }

    public let style: Style
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let output: Int32
    private var drewBar = false

    public init(mode: Mode, descriptor: Int32 = STDERR_FILENO) {
        output = descriptor
        let terminal = isatty(descriptor) != 0
        switch mode {
        case .off: style = .none
        case .automatic: style = terminal ? .bar : .lines
        case .terminalOnly: style = terminal ? .bar : .none
        }
    }

    /// Seconds between redraws.
    public var interval: Double { style == .bar ? 0.2 : 5 }

    /// Whether `tick` would draw now (callers skip computing costly counts otherwise).
    public var isDue: Bool { style != .none && Date().timeIntervalSince(lastDraw) >= interval }

    /// Redraws when the interval has passed. `total` nil: unknown (no bar, no ETA).
    public func tick(done: Int, total: Int?, errors: Int) {
        guard isDue else { return }
        lastDraw = Date()
        draw(done: done, total: total, errors: errors, final: false)
    }

    /// The last state; ends the bar's line so the summary starts on a fresh one.
    public func finish(done: Int, total: Int?, errors: Int) {
        guard style != .none else { return }
        if style == .lines && !drewAnything { return }
        draw(done: done, total: total, errors: errors, final: true)
    }

    private var drewAnything: Bool { lastDraw != .distantPast }

    /// The status text, without bar: `120/500 24.0/s 3 errors ETA 0:15`.
    static func status(done: Int, total: Int?, errors: Int, elapsed: Double) -> String {
        let rate = Double(done) / max(elapsed, 0.001)
        var text = total.map { "\(done)/\($0)" } ?? "\(done)"
        text += String(format: " %.1f/s", rate)
        if errors > 0 { text += " \(errors) error\(errors == 1 ? "" : "s")" }
        if let total, rate > 0 {
            let remaining = Int(Double(max(total - done, 0)) / rate)
            text += String(format: " ETA %d:%02d", remaining / 60, remaining % 60)
        }
        return text
    }

    /// `[####    ] status`, cut to `width` columns (the bar shrinks first, then the text).
    static func barLine(done: Int, total: Int?, status: String, width: Int) -> String {
        let usable = max(width - 1, 1)  // never touch the last column: some terminals wrap there
        var barWidth = min(30, usable - status.count - 3)
        if total == nil { barWidth = 0 }
        var line = status
        if barWidth >= 5, let total {
            let filled = total > 0 ? min(barWidth, barWidth * done / total) : 0
            line = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: barWidth - filled) + "] " + status
        }
        return String(line.prefix(usable))
    }

    private func draw(done: Int, total: Int?, errors: Int, final: Bool) {
        let status = Self.status(done: done, total: total, errors: errors, elapsed: Date().timeIntervalSince(start))
        var line: String
        switch style {
        case .bar:
            line = "\r" + Self.barLine(done: done, total: total, status: status, width: Self.terminalWidth(output)) + "\u{1B}[K"
            if final { line += "\n" }
            drewBar = true
        case .lines:
            line = "gleaner: progress \(status)\n"
        case .none:
            return
        }
        lastDraw = Date()
        FileHandle(fileDescriptor: output, closeOnDealloc: false).write(Data(line.utf8))
    }

    /// Columns of the terminal on `descriptor`; `COLUMNS`, then 80 when it cannot be asked.
    static func terminalWidth(_ descriptor: Int32) -> Int {
        var size = winsize()
        let asked = withUnsafeMutablePointer(to: &size) { ioctl(descriptor, UInt(TIOCGWINSZ), $0) }
        if asked == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }
}
