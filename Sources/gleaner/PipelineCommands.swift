import ArgumentParser
import Foundation
import GleanerPipeline

/// `gleaner validate FILE…`: checks pipeline files without running them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check pipeline files (Pipelines/*.yaml) without running them.",
        discussion: """
            Problems are reported as FILE:LINE: KEY: MESSAGE. Exit status: 0 when every file \
            is valid, 1 otherwise, 2 for usage errors.
            """
    )

    @Argument(help: "Pipeline files.")
    var files: [String]

    func run() throws {
        var failed = false
        for file in files {
            do {
                let config = try PipelineConfig.load(path: file)
                print("\(file): ok (\(config.sinks.count) sink\(config.sinks.count == 1 ? "" : "s"), state \(config.statePath ?? "in memory"))")
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// `gleaner run FILE`: runs a pipeline, resuming an interrupted run of it.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline file: sources → fetch → extract → normalize → filter → sinks.",
        discussion: """
            An interrupted run (Ctrl-C, SIGTERM, a crash or SIGKILL) resumes where it stopped \
            when started again. Exit status: 0 finished, 1 finished with error records, \
            2 usage or pipeline-file errors, 3 when a sink or the state could not be written \
            (disk full) or another fatal error, 130/143 stopped by SIGINT/SIGTERM.
            """
    )

    @Argument(help: "The pipeline file.")
    var file: String

    @Flag(name: .customLong("no-progress"), help: "No progress output on standard error.")
    var noProgress = false

    @Flag(name: .customLong("quiet"), help: "No progress and no summary.")
    var quiet = false

    func run() throws {
        let config: PipelineConfig
        do {
            config = try PipelineConfig.load(path: file)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        let runner = PipelineRunner(config: config, options: .init(progress: (noProgress || quiet) ? false : nil, software: "Gleaner/\(GleanerVersion.current)"))
        // SIGINT / SIGTERM: stop taking work, commit what finished, exit.
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { runner.requestStop(signal: signalNumber) }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }
        let result: PipelineRunner.Result
        do {
            result = try runner.run()
        } catch {
            FileHandle.standardError.write(Data("gleaner: \(config.name): \(error)\n".utf8))
            ExtractCommand.leave(status: 3)
        }
        if !quiet {
            let state = result.interruptedBy == nil ? "finished" : "stopped (will resume)"
            FileHandle.standardError.write(Data("gleaner: \(config.name) \(state): \(result.counts.summary)\n".utf8))
        }
        if let signal = result.interruptedBy { ExtractCommand.leave(status: 128 + signal) }
        if result.counts.errorCount > 0 { throw ExitCode(1) }
    }
}
