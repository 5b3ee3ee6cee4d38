/// The public face of the Gleaner library: `import Gleaner` brings the record types, the
/// extractor and the text normalizers.
@_exported import GleanerExtract
@_exported import GleanerModel
@_exported import GleanerNormalize
@_exported import GleanerSinks
@_exported import GleanerRender
