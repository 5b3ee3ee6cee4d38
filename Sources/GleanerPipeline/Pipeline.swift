/// A pipeline file, loaded and checked, ready to run: the library form of `gleaner run FILE`.
///
/// ```swift
/// let result = try Pipeline.load("Pipelines/news-feeds.yaml").run()
/// print(result.counts.summary)
/// ```
///
/// Running again after an interrupted run resumes it, exactly as the command does; the
/// state database named by the file (docs/sinks.md) holds the queue.
public struct Pipeline: Sendable {
    public var config: PipelineConfig

    public init(config: PipelineConfig) {
        self.config = config
    }

    /// Reads and checks a pipeline file; paths in it are relative to the file.
    public static func load(_ path: String) throws(PipelineConfigError) -> Pipeline {
        Pipeline(config: try PipelineConfig.load(path: path))
    }

    /// Checks pipeline YAML held in memory; `file` names it in messages and anchors its
    /// relative paths.
    public static func parse(yaml: String, file: String) throws(PipelineConfigError) -> Pipeline {
        Pipeline(config: try PipelineConfig.parse(yaml: yaml, file: file))
    }

    /// Runs the pipeline to the end (or resumes its interrupted run) on the calling thread and
    /// returns the run's counts. No progress output unless `progress` is true.
    public func run(progress: Bool = false) throws -> PipelineRunner.Result {
        try PipelineRunner(config: config, options: PipelineRunner.Options(progress: progress ? nil : false)).run()
    }
}
