/// One requested URL while the driver works on it: queued, in flight or waiting to retry.
/// Confined to the driver thread, hence a plain class.
final class FetchJob {
    let url: String
    let target: TargetURL
    /// Submission order; the scheduler serves older jobs first.
    let sequence: Int
    let completion: @Sendable (FetchResponse) -> Void
    var options = FetchRequestOptions()
    var attempts = 0
    /// Monotonic time the first attempt started.
    var firstStart: Double?
    /// Monotonic time before which a retry must not start.
    var notBefore = 0.0
    /// This job's share of the response budget, taken when its first transfer starts.
    var lease: ResponseLease?

    init(url: String, target: TargetURL, sequence: Int, completion: @escaping @Sendable (FetchResponse) -> Void) {
        self.url = url
        self.target = target
        self.sequence = sequence
        self.completion = completion
    }
}
