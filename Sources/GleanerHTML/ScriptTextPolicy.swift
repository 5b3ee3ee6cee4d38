/// Which `script` and `style` texts a parsed `DOMTree` keeps.
///
/// Inline JavaScript and CSS are often a third of a news page's bytes, and nothing in
/// article extraction reads them; copying them into text nodes (and freeing them again) was
/// measurable. JSON data in scripts (JSON-LD, embedded state) is kept either way.
public enum ScriptTextPolicy: Sendable {
    /// Keep every script and style text (the default for library users walking the tree).
    case all
    /// Keep only scripts whose `type` names JSON (`application/ld+json`, `application/json`).
    /// The inside of an inline `<svg>` drawing (paths, shapes, their coordinates) is not
    /// kept either: the `svg` element stays, with its attributes, but empty
    /// (`AttributeLimiter`).
    case dataOnly
}
