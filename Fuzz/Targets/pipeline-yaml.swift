// Fuzz target: pipeline files (YAML pre-flight, Yams, the key-by-key decoder).
import GleanerPipeline

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipelineYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? PipelineConfig.parse(bytes: Array(UnsafeBufferPointer(start: data, count: size)), file: "/fuzz/p.yaml")
    return 0
}
