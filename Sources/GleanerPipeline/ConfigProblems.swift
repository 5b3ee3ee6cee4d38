/// Collects the problems of one pipeline file, so `gleaner validate` reports every mistake
/// in one pass: a failed key is recorded and decoding goes on with the next one. (Syntax
/// errors stop earlier: without a document there is nothing to go on with.)
final class ConfigProblems {
    private(set) var errors: [PipelineConfigError] = []

    func record(_ error: PipelineConfigError) {
        if !errors.contains(error) { errors.append(error) }
    }

    /// Runs `body`; a thrown problem is recorded and nil returned.
    @discardableResult
    func attempt<T>(_ body: () throws(PipelineConfigError) -> T) -> T? {
        do {
            return try body()
        } catch {
            record(error)
            return nil
        }
    }

    /// All problems in file order (line, then as found).
    var all: PipelineConfigErrors {
        PipelineConfigErrors(errors: errors.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element))
    }
}
