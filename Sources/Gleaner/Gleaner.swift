/// The public face of the Gleaner library: `import Gleaner` brings the record types, the
/// extractor, the text normalizers, the record writers and sinks, the fetcher, and pipelines
/// with site discovery (`Pipeline.load(path).run()`, `SiteDiscoverer`).
/// Documentation: Gleaner.docc (a getting-started article) and docs/.
@_exported import GleanerExtract
@_exported import GleanerFetch
@_exported import GleanerModel
@_exported import GleanerNormalize
@_exported import GleanerPipeline
@_exported import GleanerSinks
@_exported import GleanerRender
/// The parse budget `ArticleExtractor(limits:)` takes.
@_exported import struct GleanerHTML.ParseLimits
